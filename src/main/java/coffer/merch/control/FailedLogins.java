package coffer.merch.control;

import coffer.merch.entity.TooManyAttempts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after {@code merch.auth.max-failures-per-minute} wrong passwords for one
 * username (default 5), its logins are refused with 429 until a minute has passed since the first
 * of them, without spending a hash on them. Counted per instance: behind a balancer of n instances
 * a guesser gets at most n times the limit. A right password clears the count.
 */
@ApplicationScoped
public class FailedLogins {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Past this many usernames counted, windows that are over are dropped. */
    private static final int TIDY_ABOVE = 10_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private int limit;

    public FailedLogins() {
        this(Clock.systemUTC(), 5);
    }

    FailedLogins(Clock clock, int limit) {
        this.clock = clock;
        this.limit = limit;
    }

    @Inject
    void configure(
            @ConfigProperty(name = "merch.auth.max-failures-per-minute", defaultValue = "5")
                    int limit) {
        this.limit = limit;
    }

    /**
     * @throws TooManyAttempts when the username has used up its wrong passwords
     */
    public void checkAllowed(String username) {
        Instant now = clock.instant();
        Window window = windows.get(username);
        if (window != null && window.isOpen(now) && window.failures() >= limit) {
            long millisLeft = Duration.between(now, window.start().plus(WINDOW)).toMillis();
            throw new TooManyAttempts((int) Math.max(1, (millisLeft + 999) / 1000));
        }
    }

    public void failed(String username) {
        Instant now = clock.instant();
        windows.merge(
                username,
                new Window(now, 1),
                (earlier, first) ->
                        earlier.isOpen(now)
                                ? new Window(earlier.start(), earlier.failures() + 1)
                                : first);
        if (windows.size() > TIDY_ABOVE) {
            windows.values().removeIf(window -> !window.isOpen(now));
        }
    }

    public void succeeded(String username) {
        windows.remove(username);
    }

    private record Window(Instant start, int failures) {

        boolean isOpen(Instant now) {
            return now.isBefore(start.plus(WINDOW));
        }
    }
}

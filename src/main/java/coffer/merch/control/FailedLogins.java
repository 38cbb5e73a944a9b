package coffer.merch.control;

import coffer.merch.entity.TooManyAttempts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.cache.CacheManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing across the whole cluster. Two counts, each over a minute from its first
 * attempt: per username and client address ({@code merch.auth.max-failures-per-minute}, default 5),
 * and per client address whatever the username ({@code
 * merch.auth.max-failures-per-address-per-minute}, default 20), which slows one password sprayed
 * over many usernames. A count that is full refuses logins with 429 without spending a hash on
 * them.
 *
 * <p>The pair, not the username, is counted so that a stranger's wrong guesses never lock its owner
 * out: the owner's right password still works from any other address. The counts live in a JCache
 * on Payara's Hazelcast ({@link Counts}), so five instances allow what one does.
 *
 * <p>Counting is check-and-take in one compare-and-set: an attempt takes its place in both counts
 * before its password is checked, so guesses sent at once cannot all pass a check that none of them
 * has counted in yet. A wrong password keeps its place; a right one frees its pair's count and
 * gives back its place in the address's; an attempt that ended otherwise (a registration, a 503)
 * gives back both. Window starts come from each instance's clock: instances whose clocks differ by
 * a second shift a window by that second.
 */
@ApplicationScoped
public class FailedLogins {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final String CACHE = "coffer-failed-logins";

    @Inject Instance<CacheManager> grid;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "merch.auth.max-failures-per-minute", defaultValue = "5")
    int perUsername;

    @Inject
    @ConfigProperty(name = "merch.auth.max-failures-per-address-per-minute", defaultValue = "20")
    int perAddress;

    private Counts counts;

    public FailedLogins() {}

    FailedLogins(Counts counts, Clock clock, int perUsername, int perAddress) {
        this.counts = counts;
        this.clock = clock;
        this.perUsername = perUsername;
        this.perAddress = perAddress;
    }

    @PostConstruct
    void open() {
        // Payara hands out no CacheManager when Hazelcast is off (--nocluster).
        CacheManager manager = grid.isResolvable() ? grid.get() : null;
        counts = manager == null ? Counts.local(WINDOW) : Counts.onGrid(manager, CACHE, WINDOW);
    }

    /**
     * @throws TooManyAttempts when the username from this address, or this address, has used up its
     *     wrong passwords
     */
    public Attempt begin(String username, String address) {
        Instant now = clock.instant();
        Attempt attempt = new Attempt("login " + address + " " + username, "address " + address);
        take(attempt.pair, perUsername, now, "for this username from your address");
        try {
            take(attempt.address, perAddress, now, "from your address");
        } catch (TooManyAttempts refused) {
            giveBack(attempt.pair, now);
            throw refused;
        }
        return attempt;
    }

    private void take(String key, int limit, Instant now, String whose) {
        while (true) {
            String current = counts.get().apply(key);
            if (current == null) {
                if (counts.create().test(key, new Window(1, now).encoded())) {
                    return;
                }
                continue;
            }
            Window window = Window.decoded(current);
            if (!window.isOpen(now)) {
                // Removed, not replaced: a new entry's expiry starts with it.
                counts.removeIf().test(key, current);
                continue;
            }
            if (window.attempts() >= limit) {
                throw new TooManyAttempts(whose, window.secondsLeft(now));
            }
            if (counts.replace().apply(key, current, window.plusOne().encoded())) {
                return;
            }
        }
    }

    private void giveBack(String key, Instant now) {
        while (true) {
            String current = counts.get().apply(key);
            if (current == null) {
                return;
            }
            Window window = Window.decoded(current);
            if (!window.isOpen(now)) {
                return;
            }
            boolean given =
                    window.attempts() <= 1
                            ? counts.removeIf().test(key, current)
                            : counts.replace().apply(key, current, window.minusOne().encoded());
            if (given) {
                return;
            }
        }
    }

    /**
     * One login's places in the counts. Closing it settles them by what the password turned out to
     * be.
     */
    public final class Attempt implements AutoCloseable {

        private final String pair;
        private final String address;
        private Boolean rightPassword;

        private Attempt(String pair, String address) {
            this.pair = pair;
            this.address = address;
        }

        public void wrongPassword() {
            rightPassword = false;
        }

        public void rightPassword() {
            rightPassword = true;
        }

        @Override
        public void close() {
            Instant now = clock.instant();
            if (rightPassword == null) {
                giveBack(pair, now);
                giveBack(address, now);
            } else if (rightPassword) {
                counts.remove().accept(pair);
                giveBack(address, now);
            }
        }
    }

    /** Attempts counted since {@code start}; written as {@code attempts@startMillis}. */
    private record Window(int attempts, Instant start) {

        static Window decoded(String encoded) {
            int at = encoded.indexOf('@');
            return new Window(
                    Integer.parseInt(encoded.substring(0, at)),
                    Instant.ofEpochMilli(Long.parseLong(encoded.substring(at + 1))));
        }

        String encoded() {
            return attempts + "@" + start.toEpochMilli();
        }

        boolean isOpen(Instant now) {
            return now.isBefore(start.plus(WINDOW));
        }

        Window plusOne() {
            return new Window(attempts + 1, start);
        }

        Window minusOne() {
            return new Window(attempts - 1, start);
        }

        int secondsLeft(Instant now) {
            long millisLeft = Duration.between(now, start.plus(WINDOW)).toMillis();
            return (int) Math.max(1, (millisLeft + 999) / 1000);
        }
    }
}

package coffer.merch.control;

import at.favre.lib.crypto.bcrypt.BCrypt;
import coffer.metrics.control.Meters;
import io.micrometer.core.instrument.FunctionCounter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * bcrypt (version 2b, at.favre.lib:bcrypt) at cost 10 by default, OWASP's minimum for bcrypt; the
 * verification compares in constant time. A hash takes tens of milliseconds of a core, so at most
 * {@code merch.password.concurrency} run at once (default: the number of cores), and the others
 * wait their turn in a short queue ({@link HashingSlots}), so that logins never queue without bound
 * nor starve the coin routes of CPU. The hashes run are counted ({@code
 * coffer_merch_password_hashes_total}).
 */
@ApplicationScoped
public class Passwords {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

    @Inject
    @ConfigProperty(name = "merch.password.cost", defaultValue = "10")
    int cost;

    @Inject
    @ConfigProperty(name = "merch.password.concurrency", defaultValue = "0")
    int concurrency;

    @Inject
    @ConfigProperty(name = "merch.login.max-wait", defaultValue = "PT1.5S")
    Duration maxWait;

    @Inject
    @ConfigProperty(name = "merch.login.max-waiting", defaultValue = "8")
    int maxWaiting;

    private final LongAdder hashes = new LongAdder();
    private HashingSlots slots;

    @Inject
    void countedIn(Meters meters) {
        FunctionCounter.builder("coffer.merch.password.hashes", hashes, LongAdder::sum)
                .description("bcrypt hashes and verifications run")
                .register(meters.registry());
    }

    @PostConstruct
    void bound() {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalStateException(
                    "merch.password.cost must be from "
                            + BCrypt.MIN_COST
                            + " to "
                            + BCrypt.MAX_COST
                            + ", not "
                            + cost);
        }
        slots =
                new HashingSlots(
                        concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors(),
                        maxWaiting,
                        maxWait,
                        System::nanoTime);
    }

    /** A new salted hash of the password, in bcrypt's modular crypt format. */
    public String hash(String password) {
        return bounded(
                () ->
                        new String(
                                BCrypt.with(VERSION).hash(cost, bytes(password)),
                                StandardCharsets.US_ASCII));
    }

    public boolean matches(String password, String hash) {
        return bounded(
                () ->
                        BCrypt.verifyer(VERSION)
                                .verify(bytes(password), hash.getBytes(StandardCharsets.US_ASCII))
                                .verified);
    }

    private <T> T bounded(Supplier<T> work) {
        return slots.run(
                () -> {
                    hashes.increment();
                    return work.get();
                });
    }

    private static byte[] bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }
}

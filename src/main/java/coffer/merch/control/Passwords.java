package coffer.merch.control;

import coffer.metrics.control.Meters;
import io.micrometer.core.instrument.FunctionCounter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * bcrypt (version 2b, Bouncy Castle's {@code OpenBSDBCrypt}: the fastest maintained bcrypt on the
 * JVM measured here, README "Merch shop") at cost 10 by default, OWASP's minimum for bcrypt; it
 * verifies the {@code $2a$} and {@code $2b$} hashes stored before it, and compares in constant
 * time. A hash takes tens of milliseconds of a core, so at most {@code merch.password.concurrency}
 * run at once (default: the number of cores), and the others wait their turn in a short queue
 * ({@link HashingSlots}), so that logins never queue without bound nor starve the coin routes of
 * CPU. The hashes run are counted ({@code coffer_merch_password_hashes_total}).
 */
@ApplicationScoped
public class Passwords {

    private static final String VERSION = "2b";
    private static final int MIN_COST = 4;
    private static final int MAX_COST = 31;
    private static final int SALT_BYTES = 16;

    private final SecureRandom random = new SecureRandom();

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
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalStateException(
                    "merch.password.cost must be from "
                            + MIN_COST
                            + " to "
                            + MAX_COST
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
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return bounded(() -> OpenBSDBCrypt.generate(VERSION, password.toCharArray(), salt, cost));
    }

    public boolean matches(String password, String hash) {
        return bounded(() -> OpenBSDBCrypt.checkPassword(hash, password.toCharArray()));
    }

    private <T> T bounded(Supplier<T> work) {
        return slots.run(
                () -> {
                    hashes.increment();
                    return work.get();
                });
    }
}

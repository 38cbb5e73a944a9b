package coffer.merch.control;

import coffer.metrics.control.Meters;
import io.micrometer.core.instrument.FunctionCounter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * bcrypt (version 2b, Bouncy Castle's {@code OpenBSDBCrypt}: the fastest maintained bcrypt on the
 * JVM measured here, README "Merch shop") at cost 10 by default, OWASP's minimum for bcrypt; it
 * verifies the {@code $2a$} and {@code $2b$} hashes stored before it, and compares in constant
 * time. A hash takes tens of milliseconds of a core and runs on the caller's thread: the logins
 * that hash run in the {@link LoginQueue}'s few slots, so they never starve the coin routes of CPU.
 * The hashes run are counted ({@code coffer_merch_password_hashes_total}).
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

    private final LongAdder hashes = new LongAdder();

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
    }

    /** A new salted hash of the password, in bcrypt's modular crypt format. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        hashes.increment();
        return OpenBSDBCrypt.generate(VERSION, password.toCharArray(), salt, cost);
    }

    public boolean matches(String password, String hash) {
        hashes.increment();
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }
}

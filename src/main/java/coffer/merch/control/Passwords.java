package coffer.merch.control;

import at.favre.lib.crypto.bcrypt.BCrypt;
import coffer.problems.entity.ServiceOverloaded;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * bcrypt (version 2b, at.favre.lib:bcrypt) at cost 10 by default, OWASP's minimum for bcrypt; the
 * verification compares in constant time. A hash takes tens of milliseconds of a core, so at most
 * {@code merch.password.concurrency} run at once (default: the number of cores); one more is
 * refused at once with a 503, so that logins never queue without bound nor starve the coin routes
 * of CPU.
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

    /** Package-visible so that a test can see a slot taken without timing a hash. */
    Semaphore hashing;

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
        hashing =
                new Semaphore(
                        concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors());
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
        if (!hashing.tryAcquire()) {
            throw new ServiceOverloaded(
                    "every password check slot is busy; try again in a" + " second");
        }
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }

    private static byte[] bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }
}

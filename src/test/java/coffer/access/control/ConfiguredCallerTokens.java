package coffer.access.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link CallerTokens} configured as MicroProfile Config would, for the tests and the benchmark.
 */
public final class ConfiguredCallerTokens {

    private ConfiguredCallerTokens() {}

    /**
     * Verifying tokens of {@code issuer} for audience {@code coffer} with the key given inline or
     * at a location, 60 s of clock skew, the cache's TTL, and the warm-up's pass.
     */
    public static CallerTokens of(
            Optional<String> key,
            Optional<String> location,
            String issuer,
            Duration cacheTtl,
            Clock clock,
            WarmUpPass warmUpPass) {
        CallerTokens configured = new CallerTokens();
        configured.publicKey = key;
        configured.publicKeyLocation = location;
        configured.issuer = Optional.of(issuer);
        configured.audiences = Optional.of("other, coffer");
        configured.clockSkewSeconds = 60;
        configured.warmUpPass = warmUpPass;
        configured.cacheTtl = cacheTtl;
        configured.cacheMaxSize = 100_000;
        configured.clock = clock;
        configured.configure();
        return configured;
    }
}

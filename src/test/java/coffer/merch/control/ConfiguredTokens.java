package coffer.merch.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** The shop's {@link Tokens} configured as MicroProfile Config would, for tests and benchmark. */
public final class ConfiguredTokens {

    private ConfiguredTokens() {}

    /**
     * Signing with {@code key}, tokens valid for {@code expiry}, verified ones kept for the TTL.
     */
    public static Tokens of(byte[] key, Duration expiry, Duration cacheTtl, Clock clock) {
        Tokens tokens = new Tokens();
        tokens.key = Optional.of(Base64.getEncoder().encodeToString(key));
        tokens.keyFile = Optional.empty();
        tokens.expiry = expiry;
        tokens.cacheTtl = cacheTtl;
        tokens.cacheMaxSize = 100_000;
        tokens.clock = clock;
        tokens.loadKey();
        return tokens;
    }
}

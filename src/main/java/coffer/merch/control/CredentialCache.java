package coffer.merch.control;

import coffer.metrics.control.Meters;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Logins verified lately, so that a repeat login with the same password costs microseconds instead
 * of a bcrypt hash: the pattern of Apache's mod_authn_socache. After a bcrypt verification (or a
 * registration) succeeds, an HMAC-SHA256 of the username and password is kept under the username
 * for {@code merch.credential-cache.ttl} (default five minutes; {@code PT0S} keeps nothing), at
 * most {@code merch.credential-cache.max-size} usernames (Caffeine evicts beyond). The MAC key is
 * drawn at boot and lives only in this instance's memory: a memory dump shows MACs, not passwords,
 * and the key dies with the process.
 *
 * <p>Only a match answers: a wrong password, an unknown or expired username all fall through to
 * bcrypt (and a wrong one to the failed-login throttle), so the cache can never refuse a login. A
 * login it answers does not renew its entry: it expires the TTL after the bcrypt check that made
 * it. Counted as {@code cache_gets_total{cache="merch.credentials"}}.
 */
@ApplicationScoped
public class CredentialCache {

    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    @ConfigProperty(name = "merch.credential-cache.ttl", defaultValue = "PT5M")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "merch.credential-cache.max-size", defaultValue = "100000")
    long maxSize;

    @Inject Meters meters;

    private SecretKeySpec key;
    private Cache<String, byte[]> macs;

    @PostConstruct
    void open() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, ALGORITHM);
        macs =
                Caffeine.newBuilder()
                        .expireAfterWrite(ttl)
                        .maximumSize(maxSize)
                        .recordStats()
                        .build();
        CaffeineCacheMetrics.monitor(meters.registry(), macs, "merch.credentials");
    }

    /** True when this username logged in with this very password within the TTL. */
    public boolean holds(String username, String password) {
        byte[] kept = macs.getIfPresent(username);
        return kept != null && MessageDigest.isEqual(kept, mac(username, password));
    }

    /** Remembers a password bcrypt has just accepted for the username. */
    public void remember(String username, String password) {
        if (!ttl.isZero()) {
            macs.put(username, mac(username, password));
        }
    }

    /** The MAC of both, each length-prefixed, so no other pair has the same input. */
    byte[] mac(String username, String password) {
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input =
                ByteBuffer.allocate(2 * Integer.BYTES + name.length + secret.length)
                        .putInt(name.length)
                        .put(name)
                        .putInt(secret.length)
                        .put(secret);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(input.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package coffer.merch.control;

import coffer.VerifiedTokens;
import coffer.merch.entity.ShopNotConfigured;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and verifies the shop's bearer tokens with Nimbus JOSE + JWT: HS256 only (a token with
 * {@code alg: none} or any other algorithm is refused before its signature is looked at), a key
 * from configuration ({@link SigningKey}), issuer {@code coffer-merch}, the username as subject and
 * the user id as {@code uid}, and an expiry {@code merch.jwt.expiry} after issue (default 24 h).
 * Both are signed, so a token can act only as the employee it was issued to.
 *
 * <p>A token is verified by its signature once: the employee it names is then kept ({@link
 * VerifiedTokens}) for {@code merch.token-cache.ttl} (default ten minutes; {@code PT0S} keeps
 * nothing), at most {@code merch.token-cache.max-size} tokens, and never past the token's expiry
 * plus Nimbus's clock skew. The key is fixed for the life of the instance, so the cache changes no
 * answer (a token is accepted exactly while it would be verified) and its TTL can be longer than
 * the money routes': at 10,000 active employees and 1000 requests a second a token comes back every
 * 10 s or so, and a one-minute entry would be verified again for one request in seven.
 */
@ApplicationScoped
public class Tokens {

    static final String ISSUER = "coffer-merch";
    static final String USER_ID = "uid";
    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    @Inject
    @ConfigProperty(name = "merch.jwt.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "merch.jwt.key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "merch.jwt.expiry", defaultValue = "PT24H")
    Duration expiry;

    @Inject
    @ConfigProperty(name = "merch.token-cache.ttl", defaultValue = "PT10M")
    Duration cacheTtl;

    @Inject
    @ConfigProperty(name = "merch.token-cache.max-size", defaultValue = "100000")
    long cacheMaxSize;

    @Inject Clock clock;

    private MACSigner signer;
    private MACVerifier signature;
    private DefaultJWTClaimsVerifier<SecurityContext> claims;
    private VerifiedTokens<Caller> verified;

    @PostConstruct
    void loadKey() {
        Optional<byte[]> secret = SigningKey.from(key, keyFile);
        if (secret.isEmpty()) {
            LOG.warning(
                    "The merch shop has no token key (MERCH_JWT_KEY or MERCH_JWT_KEY_FILE):"
                            + " its routes answer 503");
            return;
        }
        try {
            signer = new MACSigner(secret.get());
            signature = new MACVerifier(secret.get());
        } catch (JOSEException tooShort) {
            throw new IllegalStateException("The merch token key is unusable for HS256");
        }
        claims =
                new DefaultJWTClaimsVerifier<>(
                        new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                        Set.of("sub", "exp", "iat", USER_ID));
        verified = new VerifiedTokens<>(clock, cacheTtl, cacheMaxSize);
    }

    public String issue(long userId, String username) {
        Instant now = clock.instant();
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject(username)
                        .claim(USER_ID, userId)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(expiry)))
                        .build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(configured(signer));
        } catch (JOSEException failed) {
            throw new IllegalStateException("Signing a token failed", failed);
        }
        return token.serialize();
    }

    /** The employee a token was issued to, if it is well-formed, ours, unaltered and current. */
    public Optional<Caller> verify(String token) {
        configured(signature);
        return verified.verify(token, this::bySignature);
    }

    /**
     * Parsed once: an HS256 header (any other algorithm, {@code none} included, is refused before
     * the signature is looked at), the signature by the verifier built at start (Nimbus's are
     * thread-safe), then the claims.
     */
    private Optional<VerifiedTokens.Verified<Caller>> bySignature(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(signature)) {
                return Optional.empty();
            }
            JWTClaimsSet verifiedClaims = jwt.getJWTClaimsSet();
            claims.verify(verifiedClaims, null);
            return Optional.of(
                    new VerifiedTokens.Verified<>(
                            new Caller(
                                    verifiedClaims.getLongClaim(USER_ID),
                                    verifiedClaims.getSubject()),
                            verifiedClaims
                                    .getExpirationTime()
                                    .toInstant()
                                    .plusSeconds(
                                            DefaultJWTClaimsVerifier
                                                    .DEFAULT_MAX_CLOCK_SKEW_SECONDS)));
        } catch (ParseException | BadJOSEException | JOSEException refused) {
            return Optional.empty();
        }
    }

    private static <T> T configured(T part) {
        if (part == null) {
            throw new ShopNotConfigured();
        }
        return part;
    }
}

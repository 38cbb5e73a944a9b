package coffer.access.control;

import coffer.Roles;
import coffer.VerifiedTokens;
import coffer.access.entity.NotAuthenticated;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies the bearer tokens of the API's callers as MicroProfile JWT specifies, under its
 * configuration names: signed RS256 or ES256 by the identity provider's key ({@code
 * mp.jwt.verify.publickey}, or {@code mp.jwt.verify.publickey.location}: a file, or an http(s) URL
 * of a JWK set that is fetched and refreshed as keys rotate), from {@code mp.jwt.verify.issuer},
 * for one of {@code mp.jwt.verify.audiences}, not expired (with {@code mp.jwt.verify.clock.skew}
 * seconds of leeway). The caller is the token's {@code upn}, else {@code preferred_username}, else
 * {@code sub}; its roles come from {@code groups}.
 *
 * <p>Why not Payara's own MP-JWT ({@code @LoginConfig(authMethod = "MP-JWT")})? Its authentication
 * mechanism ({@code fish.payara.microprofile.jwtauth.eesecurity .JWTAuthenticationMechanism}) runs
 * on every request of the application, and answers any request that carries a bearer token it
 * cannot verify with a bare 401, protected route or not: every request of the merch shop, whose own
 * HS256 tokens it cannot verify, would be refused before the shop saw it. Its refusals are servlet
 * error pages, not problem details, and it has no loopback sandbox. So Coffer verifies with Nimbus
 * (the library Payara's implementation uses) in a JAX-RS filter, reading the same configuration
 * names, which MicroProfile Config also takes from the environment ({@code
 * MP_JWT_VERIFY_PUBLICKEY_LOCATION}, ...).
 *
 * <p>A token is verified by its signature once: the caller it names is then kept ({@link
 * VerifiedTokens}) for {@code auth.token-cache.ttl} (default one minute; {@code PT0S} keeps
 * nothing), at most {@code auth.token-cache.max-size} tokens, and never past the token's expiry
 * plus the clock skew. The trade: a key the identity provider rotates out keeps its tokens working
 * here for up to that TTL (beyond the 5 minutes Nimbus caches a fetched JWK set). The warm-up's
 * tokens are never kept, so its pass still ends the moment it closes.
 *
 * <p>Without a key, an issuer or an audience the application does not start: no default identity
 * provider is safe. Not consulted in the loopback {@link Sandbox}, which needs none of them.
 */
@ApplicationScoped
public class CallerTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final String SCHEME = "Bearer ";

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "auth.token-cache.ttl", defaultValue = "PT1M")
    Duration cacheTtl;

    @Inject
    @ConfigProperty(name = "auth.token-cache.max-size", defaultValue = "100000")
    long cacheMaxSize;

    @Inject WarmUpPass warmUpPass;

    @Inject Clock clock;

    private DefaultJWTProcessor<SecurityContext> processor;
    private VerifiedTokens<Caller> verified;

    /**
     * Reads the configuration; called once at deployment ({@code AccessCheck}), so a missing or
     * unreadable key, issuer or audience fails the start.
     */
    public void configure() {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys()));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        audienceSet(),
                        new JWTClaimsSet.Builder()
                                .issuer(required(issuer, "mp.jwt.verify.issuer"))
                                .build(),
                        new HashSet<>(Set.of("exp")),
                        null);
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        verified = new VerifiedTokens<>(clock, cacheTtl, cacheMaxSize);
    }

    /**
     * The caller an {@code Authorization} header's token speaks for.
     *
     * @throws NotAuthenticated when there is no bearer token, or one this service does not accept
     */
    public Caller verify(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new NotAuthenticated(authorization != null);
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return verified.verify(token, this::fromProvider)
                .or(() -> warmUpPass.claimsOf(token).flatMap(CallerTokens::callerOf))
                .orElseThrow(() -> new NotAuthenticated(true));
    }

    /**
     * The caller of a token the identity provider signed, accepted until its expiry plus the clock
     * skew, as the processor accepts it.
     */
    private Optional<VerifiedTokens.Verified<Caller>> fromProvider(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Instant refusedFrom =
                    claims.getExpirationTime().toInstant().plusSeconds(clockSkewSeconds);
            return callerOf(claims)
                    .map(caller -> new VerifiedTokens.Verified<>(caller, refusedFrom));
        } catch (ParseException | BadJOSEException | JOSEException refused) {
            return Optional.empty();
        }
    }

    /** The caller verified claims name, if they name one and their groups are a list. */
    private static Optional<Caller> callerOf(JWTClaimsSet claims) {
        Optional<String> name =
                Stream.of("upn", "preferred_username", "sub")
                        .map(claim -> stringClaim(claims, claim))
                        .filter(value -> value != null && !value.isBlank())
                        .findFirst();
        try {
            List<String> groups = claims.getStringListClaim("groups");
            Set<String> roles = Roles.granted(groups == null ? Set.of() : new HashSet<>(groups));
            return name.map(caller -> new Caller(caller, roles));
        } catch (ParseException notAList) {
            return Optional.empty();
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException notAString) {
            return null;
        }
    }

    private JWKSource<SecurityContext> keys() {
        if (publicKey.filter(key -> !key.isBlank()).isPresent()) {
            return new ImmutableJWKSet<>(PublicKeys.parse(publicKey.get()));
        }
        String location = required(publicKeyLocation, "mp.jwt.verify.publickey (or .location)");
        try {
            if (location.startsWith("http://") || location.startsWith("https://")) {
                return JWKSourceBuilder.<SecurityContext>create(URI.create(location).toURL())
                        .build();
            }
            Path file =
                    location.startsWith("file:")
                            ? Path.of(URI.create(location))
                            : Path.of(location);
            return new ImmutableJWKSet<>(PublicKeys.parse(Files.readString(file)));
        } catch (MalformedURLException badUrl) {
            throw new IllegalStateException(
                    "mp.jwt.verify.publickey.location is not a URL: " + location, badUrl);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(
                    "Could not read the identity provider's public key at " + location, unreadable);
        }
    }

    private Set<String> audienceSet() {
        Set<String> accepted =
                Arrays.stream(required(audiences, "mp.jwt.verify.audiences").split(","))
                        .map(String::strip)
                        .filter(audience -> !audience.isEmpty())
                        .collect(Collectors.toCollection(HashSet::new));
        if (accepted.isEmpty()) {
            throw missing("mp.jwt.verify.audiences");
        }
        return accepted;
    }

    private static String required(Optional<String> value, String name) {
        return value.map(String::strip)
                .filter(text -> !text.isEmpty())
                .orElseThrow(() -> missing(name));
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException(
                "Coffer needs "
                        + name
                        + " to verify its callers' tokens (README, Security); set it, or set"
                        + " AUTH_SANDBOX=true on a loopback-only instance to run without"
                        + " authentication.");
    }
}

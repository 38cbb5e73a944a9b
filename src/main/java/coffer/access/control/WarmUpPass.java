package coffer.access.control;

import coffer.Roles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The warm-up's own credential. Before an instance reports ready it sends real requests to its own
 * listener ({@code coffer.warmup}), and the money routes need a token that only the identity
 * provider can sign. So while the warm-up runs, this instance trusts one more key: an RSA key pair
 * made when the warm-up opens the pass, held only in this object's memory, whose one token names
 * the issuer {@value #ISSUER} and grants reading and writing (never the operator's role). Closed,
 * the key is dropped and no token of it is accepted again; nothing of it is ever written or logged.
 * Its tokens go through the same Nimbus verification as the provider's, so the warm-up warms the
 * token check too.
 */
@ApplicationScoped
public class WarmUpPass {

    static final String ISSUER = "coffer-warm-up";

    /** The verifier of the open pass's token; none while the pass is closed. */
    private volatile DefaultJWTProcessor<SecurityContext> verifier;

    /**
     * Opens the pass and returns its token, valid for {@code lifetime} at most and only until
     * {@link #close}.
     */
    public synchronized String open(Duration lifetime) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).generate();
            SignedJWT token =
                    new SignedJWT(
                            new JWSHeader(JWSAlgorithm.RS256),
                            new JWTClaimsSet.Builder()
                                    .issuer(ISSUER)
                                    .audience(ISSUER)
                                    .subject("warm-up")
                                    .expirationTime(Date.from(Instant.now().plus(lifetime)))
                                    .claim("groups", List.of(Roles.READ, Roles.WRITE))
                                    .build());
            token.sign(new RSASSASigner(key));
            DefaultJWTProcessor<SecurityContext> opened = new DefaultJWTProcessor<>();
            opened.setJWSKeySelector(
                    new JWSVerificationKeySelector<>(
                            JWSAlgorithm.RS256,
                            new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
            opened.setJWTClaimsSetVerifier(
                    new DefaultJWTClaimsVerifier<>(
                            ISSUER,
                            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                            Set.of("exp")));
            verifier = opened;
            return token.serialize();
        } catch (JOSEException cannotSign) {
            throw new IllegalStateException("The warm-up's token could not be signed", cannotSign);
        }
    }

    /** The warm-up is over: its token is refused from now on. */
    public void close() {
        verifier = null;
    }

    /** The claims of the open pass's token; empty for any other token, and once closed. */
    Optional<JWTClaimsSet> claimsOf(String token) {
        DefaultJWTProcessor<SecurityContext> open = verifier;
        if (open == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(open.process(token, null));
        } catch (ParseException | BadJOSEException | JOSEException notThePass) {
            return Optional.empty();
        }
    }
}

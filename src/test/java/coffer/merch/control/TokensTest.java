package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.merch.entity.ShopNotConfigured;
import coffer.testing.MutableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokensTest {

    private final MutableClock clock = new MutableClock(Instant.now());

    private Tokens tokens(Duration expiry) {
        return ConfiguredTokens.of(new byte[32], expiry, Duration.ofHours(1), clock);
    }

    @Test
    void anIssuedTokenNamesTheEmployeeItWasIssuedTo() {
        Tokens tokens = tokens(Duration.ofHours(24));

        assertThat(tokens.verify(tokens.issue(42, "alice"))).contains(new Caller(42, "alice"));
    }

    @Test
    void aVerifiedTokenPastItsExpiryAndTheSkewIsRefusedThoughItIsCached() {
        Tokens tokens = tokens(Duration.ofSeconds(30));
        String token = tokens.issue(42, "alice");
        assertThat(tokens.verify(token)).isPresent();

        clock.advance(Duration.ofSeconds(89));
        assertThat(tokens.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedOnceTheGenuineOneIsCached() {
        Tokens tokens = tokens(Duration.ofHours(24));
        String genuine = tokens.issue(42, "alice");
        tokens.verify(genuine);
        int dot = genuine.lastIndexOf('.');
        String forged =
                genuine.substring(0, dot + 1)
                        + (genuine.charAt(dot + 1) == 'A' ? 'B' : 'A')
                        + genuine.substring(dot + 2);

        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify(genuine)).isPresent();
    }

    @Test
    void aTokenOfAnotherKeyOrUnsignedIsRefused() {
        Tokens tokens = tokens(Duration.ofHours(24));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String unsigned =
                new PlainJWT(
                                new JWTClaimsSet.Builder()
                                        .issuer(Tokens.ISSUER)
                                        .subject("alice")
                                        .claim(Tokens.USER_ID, 42)
                                        .build())
                        .serialize();

        assertThat(
                        tokens.verify(
                                ConfiguredTokens.of(
                                                otherKey,
                                                Duration.ofHours(24),
                                                Duration.ofHours(1),
                                                clock)
                                        .issue(42, "alice")))
                .isEmpty();
        assertThat(tokens.verify(unsigned)).isEmpty();
    }

    @Test
    void aTokenSignedWithTheShopsKeyUnderAnotherAlgorithmIsRefused() throws Exception {
        byte[] key = new byte[64];
        Tokens tokens = ConfiguredTokens.of(key, Duration.ofHours(24), Duration.ofHours(1), clock);
        SignedJWT hs512 =
                new SignedJWT(
                        new JWSHeader(JWSAlgorithm.HS512),
                        SignedJWT.parse(tokens.issue(42, "alice")).getJWTClaimsSet());
        hs512.sign(new MACSigner(key));

        assertThat(tokens.verify(hs512.serialize())).isEmpty();
    }

    @Test
    void withoutAKeyTheShopIsNotConfigured() {
        Tokens unconfigured = new Tokens();
        unconfigured.key = Optional.empty();
        unconfigured.keyFile = Optional.empty();
        unconfigured.loadKey();

        assertThatThrownBy(() -> unconfigured.verify("any")).isInstanceOf(ShopNotConfigured.class);
    }
}

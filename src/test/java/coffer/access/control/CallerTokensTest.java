package coffer.access.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.Roles;
import coffer.access.entity.NotAuthenticated;
import coffer.testing.Identity;
import coffer.testing.MutableClock;
import com.nimbusds.jwt.PlainJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerTokensTest {

    @TempDir static Path keys;

    private final WarmUpPass warmUpPass = new WarmUpPass();
    private final MutableClock clock = new MutableClock(Instant.now());
    private Identity identity;
    private CallerTokens tokens;

    @BeforeEach
    void configure() {
        identity = Identity.at(keys, "https://idp.example");
        tokens = tokens(Optional.empty(), Optional.of(identity.publicKey().toString()));
    }

    private CallerTokens tokens(Optional<String> key, Optional<String> location) {
        return ConfiguredCallerTokens.of(
                key, location, "https://idp.example", Duration.ofHours(1), clock, warmUpPass);
    }

    @Test
    void aValidTokenNamesItsCallerAndTheRolesItsGroupsGrant() {
        Caller caller = tokens.verify("Bearer " + identity.token("alice", Roles.OPERATOR, "x"));

        assertThat(caller.getName()).isEqualTo("alice");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Roles.OPERATOR, Roles.READ);
    }

    @Test
    void theKeyMayBeGivenInlineAsPem() throws IOException {
        CallerTokens inline =
                tokens(Optional.of(Files.readString(identity.publicKey())), Optional.empty());

        assertThat(inline.verify("Bearer " + identity.token("bob", Roles.READ)).roles())
                .isEqualTo(Set.of(Roles.READ));
    }

    @Test
    void refusesAMissingHeaderAndAnotherScheme() {
        assertThatThrownBy(() -> tokens.verify(null))
                .isInstanceOf(NotAuthenticated.class)
                .hasMessageStartingWith("This route needs Authorization: Bearer");
        assertThatThrownBy(() -> tokens.verify("Basic " + identity.token("a", Roles.READ)))
                .isInstanceOf(NotAuthenticated.class)
                .hasMessage(
                        "The bearer token is not one this service accepts. Nothing was changed.");
    }

    @Test
    void refusesAnotherIssuerAudienceAnExpiredOrUnsignedToken() {
        Date past = Date.from(Instant.now().minusSeconds(120));
        for (String token :
                new String[] {
                    identity.sign(identity.claims("a", Roles.READ).issuer("https://evil").build()),
                    identity.sign(identity.claims("a", Roles.READ).audience("bank").build()),
                    identity.sign(identity.claims("a", Roles.READ).expirationTime(past).build()),
                    identity.sign(identity.claims("a", Roles.READ).expirationTime(null).build()),
                    new PlainJWT(identity.claims("a", Roles.READ).build()).serialize(),
                    Identity.at(keys.resolve("other"), "https://idp.example").token("a", Roles.READ)
                }) {
            assertThatThrownBy(() -> tokens.verify("Bearer " + token))
                    .isInstanceOf(NotAuthenticated.class);
        }
    }

    @Test
    void aVerifiedTokenPastItsExpiryAndTheSkewIsRefusedThoughItIsCached() {
        String token =
                "Bearer "
                        + identity.sign(
                                identity.claims("a", Roles.READ)
                                        .expirationTime(Date.from(clock.instant().plusSeconds(30)))
                                        .build());
        assertThat(tokens.verify(token).getName()).isEqualTo("a");

        clock.advance(Duration.ofSeconds(89));
        assertThat(tokens.verify(token).getName()).isEqualTo("a");
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(NotAuthenticated.class);
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedOnceTheGenuineOneIsCached() {
        String genuine = identity.token("a", Roles.READ);
        tokens.verify("Bearer " + genuine);
        String signature = genuine.substring(genuine.lastIndexOf('.') + 1);
        String forged =
                genuine.substring(0, genuine.lastIndexOf('.') + 1)
                        + (signature.charAt(0) == 'A' ? 'B' : 'A')
                        + signature.substring(1);

        assertThatThrownBy(() -> tokens.verify("Bearer " + forged))
                .isInstanceOf(NotAuthenticated.class);
        assertThat(tokens.verify("Bearer " + genuine).getName()).isEqualTo("a");
    }

    @Test
    void withoutAnIssuerTheApplicationDoesNotStart() {
        CallerTokens unconfigured = new CallerTokens();
        unconfigured.publicKey = Optional.empty();
        unconfigured.publicKeyLocation = Optional.of(identity.publicKey().toString());
        unconfigured.issuer = Optional.empty();
        unconfigured.audiences = Optional.of("coffer");

        assertThatThrownBy(unconfigured::configure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mp.jwt.verify.issuer");
    }

    @Test
    void theWarmUpsTokenReadsAndWritesWhileItsPassIsOpenAndNeverAfter() {
        String warmUp = "Bearer " + warmUpPass.open(Duration.ofMinutes(1));

        Caller caller = tokens.verify(warmUp);
        assertThat(caller.getName()).isEqualTo("warm-up");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Roles.READ, Roles.WRITE);

        warmUpPass.close();
        assertThatThrownBy(() -> tokens.verify(warmUp)).isInstanceOf(NotAuthenticated.class);
    }

    @Test
    void aPassOpenedAgainRefusesTheTokenOfTheOneBefore() {
        String earlier = "Bearer " + warmUpPass.open(Duration.ofMinutes(1));
        warmUpPass.open(Duration.ofMinutes(1));

        assertThatThrownBy(() -> tokens.verify(earlier)).isInstanceOf(NotAuthenticated.class);
    }
}

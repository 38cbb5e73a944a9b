package coffer.operators.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.operators.entity.ConsoleReadOnly;
import coffer.operators.entity.OperatorUnauthorized;
import coffer.problems.entity.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorTokenTest {

    private final OperatorToken token = new OperatorToken(Optional.of("s3cret-token"));

    @Test
    void theRightTokenIsLetThroughWhateverTheSchemesCase() {
        assertThatNoException().isThrownBy(() -> token.verify("Bearer s3cret-token"));
        assertThatNoException().isThrownBy(() -> token.verify("bearer  s3cret-token "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer s3cret-tokeN",
                "Bearer s3cret-token2",
                "Bearer ",
                "Basic s3cret-token"
            })
    void anotherTokenOrSchemeIsRefusedAsUnauthorized(String header) {
        assertThatThrownBy(() -> token.verify(header))
                .isInstanceOf(OperatorUnauthorized.class)
                .hasMessageContaining("is not this instance's CONSOLE_TOKEN");
    }

    @ParameterizedTest
    @NullSource
    void noHeaderIsRefusedSayingWhatToSend(String header) {
        assertThatThrownBy(() -> token.verify(header))
                .isInstanceOf(OperatorUnauthorized.class)
                .hasMessageContaining("Authorization: Bearer <CONSOLE_TOKEN>")
                .satisfies(
                        refused ->
                                assertThat(((ProblemException) refused).status()).isEqualTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void withoutAConfiguredTokenEveryActionIsForbidden(String configured) {
        OperatorToken none = new OperatorToken(Optional.of(configured));

        assertThat(none.configured()).isFalse();
        assertThatThrownBy(() -> none.verify("Bearer " + configured))
                .isInstanceOf(ConsoleReadOnly.class)
                .satisfies(
                        refused ->
                                assertThat(((ProblemException) refused).status()).isEqualTo(403));
        assertThatThrownBy(() -> new OperatorToken(Optional.empty()).verify(null))
                .isInstanceOf(ConsoleReadOnly.class);
    }
}

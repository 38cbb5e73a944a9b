package coffer.ledger.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

    @Test
    void parsesAPositiveWholeNumber() {
        assertThat(UserId.valueOf("7").value()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "", " 7", "99999999999999999999"})
    void refusesAnythingElse(String raw) {
        assertThatThrownBy(() -> UserId.valueOf(raw)).isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("The user id must be a positive whole number");
    }

    @Test
    void quotesAtMostFortyCharactersOfWhatWasSent() {
        assertThatThrownBy(() -> UserId.valueOf("x".repeat(500)))
                .hasMessage("The user id must be a positive whole number, not '"
                        + "x".repeat(40) + "...'.");
    }
}

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
        assertThat(UserId.valueOf("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-1",
                "abc",
                "1.5",
                "",
                " 7",
                "7 ",
                "99999999999999999999",
                "9223372036854775808",
                "+7",
                "007",
                "\u0667",
                "\uff17",
                "7\u0000",
                "1e3"
            })
    void refusesAnythingElse(String raw) {
        assertThatThrownBy(() -> UserId.valueOf(raw))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("The user id must be a positive whole number");
    }

    @Test
    void quotesAtMostFortyCharactersOfWhatWasSent() {
        assertThatThrownBy(() -> UserId.valueOf("x".repeat(500)))
                .hasMessage(
                        "The user id must be a positive whole number in digits, without sign"
                                + " or leading zeros, not '"
                                + "x".repeat(40)
                                + "...'.");
    }
}

package coffer.requests.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitTest {

    @Test
    void readsOneToAThousand() {
        assertThat(Limit.valueOf("1").value()).isEqualTo(1);
        assertThat(Limit.valueOf("1000").value()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "1001",
                "-1",
                "+5",
                "05",
                " 5",
                "5 ",
                "",
                "1.5",
                "1e2",
                "\u0665",
                "99999999999",
                "abc"
            })
    void refusesAnythingElse(String raw) {
        assertThatThrownBy(() -> Limit.valueOf(raw))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("limit must be a whole number from 1 to 1000, not '");
    }

    @Test
    void quotesWhatWasSentSafely() {
        assertThatThrownBy(() -> Limit.valueOf("5\u0000" + "9".repeat(50)))
                .hasMessage(
                        "limit must be a whole number from 1 to 1000, not '5\\u0000"
                                + "9".repeat(38)
                                + "...'.");
    }
}

package coffer.ledger.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import java.util.UUID;
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
        assertThatThrownBy(() -> UserRef.valueOf("x".repeat(500)))
                .hasMessage(
                        "The user id must be a positive whole number in digits, without sign"
                                + " or leading zeros, or a UUID (8-4-4-4-12 hex digits), not '"
                                + "x".repeat(40)
                                + "...'.");
    }

    @Test
    void aPathNamesAUserByNumberOrByUuid() {
        assertThat(UserRef.valueOf("7")).isEqualTo(new UserId(7));
        assertThat(UserRef.valueOf("39b7468a-604a-4637-b959-548ba5de3bb1"))
                .isEqualTo(new ExternalId(UUID.fromString("39b7468a-604a-4637-b959-548ba5de3bb1")));
    }

    @Test
    void aUuidInUpperOrMixedCaseNamesTheSameUser() {
        UserRef lower = UserRef.valueOf("39b7468a-604a-4637-b959-548ba5de3bb1");

        assertThat(UserRef.valueOf("39B7468A-604A-4637-B959-548BA5DE3BB1")).isEqualTo(lower);
        assertThat(UserRef.valueOf("39b7468A-604a-4637-B959-548ba5DE3bb1")).isEqualTo(lower);
        assertThat(UserRef.valueOf("39B7468A-604A-4637-B959-548BA5DE3BB1").shown())
                .isEqualTo("39b7468a-604a-4637-b959-548ba5de3bb1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1-1-1-1-1",
                "39b7468a604a4637b959548ba5de3bb1",
                "{39b7468a-604a-4637-b959-548ba5de3bb1}",
                "urn:uuid:39b7468a-604a-4637-b959-548ba5de3bb1",
                "39b7468a-604a-4637-b959-548ba5de3bb1 ",
                " 39b7468a-604a-4637-b959-548ba5de3bb1",
                "39b7468a-604a-4637-b959-548ba5de3bb",
                "39b7468a-604a-4637-b959-548ba5de3bb12",
                "39b7468g-604a-4637-b959-548ba5de3bb1",
                "39b7468a_604a_4637_b959_548ba5de3bb1",
                "３９b7468a-604a-4637-b959-548ba5de3bb1",
                "-7"
            })
    void refusesAnythingButACanonicalUuidOrNumber(String raw) {
        assertThatThrownBy(() -> UserRef.valueOf(raw))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("The user id must be a positive whole number")
                .hasMessageContaining("or a UUID");
    }

    @Test
    void aUserNamedByUuidIsShownByItEvenOnceItsNumberIsKnown() {
        ExternalId external =
                ExternalId.parse("11111111-1111-1111-1111-111111111111").orElseThrow();

        assertThat(new UserId(7, external).shown())
                .isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(new UserId(7).shown()).isEqualTo(7L);
        assertThat(new UserId(7, external)).hasToString("11111111-1111-1111-1111-111111111111");
    }
}

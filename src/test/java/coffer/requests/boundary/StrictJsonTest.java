package coffer.requests.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static final String TOO_DEEP =
            "The request body is nested deeper than 32 levels."
                    + " Requests of this API are flat JSON objects.";

    @Test
    void readsNestingUpToTheLimit() {
        String nested = "[".repeat(31) + "1" + "]".repeat(31);

        assertThat(parse("{\"a\": " + nested + "}").asJsonObject().getJsonArray("a")).hasSize(1);
    }

    @Test
    void refusesNestingPastTheLimit() {
        String nested = "[".repeat(32) + "1" + "]".repeat(32);

        assertThatThrownBy(() -> parse("{\"a\": " + nested + "}")).hasMessage(TOO_DEEP);
        assertThatThrownBy(() -> parse("{\"a\":".repeat(33) + "1" + "}".repeat(33)))
                .hasMessage(TOO_DEEP);
    }

    @Test
    void refusesDeepNestingLongBeforeTheParsersOwnLimit() {
        assertThatThrownBy(() -> parse("[".repeat(16_000)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage(TOO_DEEP);
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"userId\": 1, \"amount\": -2, \"x\": "
                                                + "[".repeat(8_000)
                                                + "]".repeat(8_000)
                                                + "}"))
                .hasMessage(TOO_DEEP);
    }

    @Test
    void refusesAMemberNamedTwice() {
        assertThatThrownBy(() -> parse("{\"amount\": -2, \"amount\": 5}"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage(
                        "The request body has the member \"amount\" twice. Send each member"
                                + " once.");
        assertThatThrownBy(() -> parse("{\"a\": {\"b\": 1, \"b\": 1}}"))
                .hasMessageContaining("\"b\" twice");
    }

    @Test
    void keepsNumbersAsWritten() {
        JsonNumber number = parse("{\"n\": 2E0}").asJsonObject().getJsonNumber("n");

        assertThat(number).hasToString("2E0");
        assertThat(number.longValueExact()).isEqualTo(2);
    }

    @Test
    void refusesNumbersLongerThanAnyFieldTakes() {
        String digits = "1".repeat(StrictJson.MAX_NUMBER_CHARS + 1);

        assertThat(parse("[" + "1".repeat(StrictJson.MAX_NUMBER_CHARS) + "]").toString())
                .hasSize(StrictJson.MAX_NUMBER_CHARS + 2);
        assertThatThrownBy(() -> parse("{\"n\": " + digits + "}"))
                .hasMessage(
                        "The request body holds a number of more than 100 characters; no"
                                + " field takes one that long.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"n\": 01}           | line 1, column 8",
                "{\"n\": -01}          | line 1, column 9",
                "{\"n\": +1}           | line 1, column 7",
                "{\"n\": .5}           | line 1, column 7",
                "{\"n\": 1.}           | line 1, column 9",
                "{\"n\": 1}}           | line 1, column 9",
                "{\"n\": 1} {}         | line 1, column 10",
                "{\"n\": 1} x          | line 1, column 10",
                "{\"n\": \"a\u0001\"}  | line 1, column 9",
                "{\"n\":\u0000 1}      | line 1, column 6",
                "{\"n\":\u00a01}       | line 1, column 6",
                "{'n': 1}              | line 1, column 2",
                "{\"n\": 1 /* c */}    | line 1, column 9"
            })
    void refusesWhatIsNotJson(String body, String where) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("The request body is not valid JSON (" + where + ").");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", " \t\r\n "})
    void refusesABodyOfWhitespace(String body) {
        assertThatThrownBy(() -> parse(body))
                .hasMessage("The request body holds only whitespace. Send a JSON object.");
    }

    @Test
    void refusesAByteOrderMark() {
        assertThatThrownBy(() -> StrictJson.parse(bytes(0xef, 0xbb, 0xbf, '{', '}')))
                .hasMessage(
                        "The request body starts with a byte-order mark. Send UTF-8 without"
                                + " one.");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> StrictJson.parse(bytes('{', '"', 0xff, '"', ':', '1', '}')))
                .hasMessage("The request body is not valid UTF-8 (byte 3). Send JSON in UTF-8.");
        assertThatThrownBy(() -> StrictJson.parse(bytes('{', '}', 0xc0, 0xaf)))
                .hasMessageContaining("not valid UTF-8 (byte 3)");
        assertThatThrownBy(() -> StrictJson.parse(bytes('[', '"', 0xed, 0xa0, 0x80, '"', ']')))
                .hasMessageContaining("not valid UTF-8 (byte 3)");
        assertThatThrownBy(() -> StrictJson.parse(bytes('[', '"', 0xe2, 0x82)))
                .hasMessageContaining("not valid UTF-8 (byte 3)");
        assertThatThrownBy(() -> StrictJson.parse("{}".getBytes(StandardCharsets.UTF_16)))
                .hasMessageContaining("not valid UTF-8 (byte 1)");
    }

    @Test
    void readsUnicodeInUtf8AndEscapes() {
        JsonValue value = parse("[\"\u00e9\u20ac\ud835\udfd8\", \"\\u0000\"]");

        assertThat(value.asJsonArray().getString(0)).isEqualTo("\u00e9\u20ac\ud835\udfd8");
        assertThat(value.asJsonArray().getString(1)).isEqualTo("\u0000");
    }

    private static JsonValue parse(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

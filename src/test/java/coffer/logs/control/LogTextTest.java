package coffer.logs.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksCannotStartALineOfTheirOwn() {
        String forged = "tasks/x\r\n[2026-12-05T15:00:00.000+0000] [INFO] Operator action by admin";

        assertThat(LogText.escaped(forged))
                .doesNotContain("\n", "\r")
                .isEqualTo(
                        "tasks/x\\r\\n[2026-12-05T15:00:00.000+0000] [INFO] Operator action by"
                                + " admin");
    }

    @Test
    void otherControlsAndInvisibleCharactersAreShownAsEscapes() {
        assertThat(LogText.escaped("a\u0000b\tc\u001bd\u0085e\u2028f\u202eg\u200bh"))
                .isEqualTo("a\\u0000b\\u0009c\\u001bd\\u0085e\\u2028f\\u202eg\\u200bh");
    }

    @Test
    void aWrittenEscapeCannotPassForOne() {
        assertThat(LogText.escaped("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void visibleTextIsKept() {
        assertThat(LogText.escaped("/tasks/ночной-отчёт 😀")).isEqualTo("/tasks/ночной-отчёт 😀");
    }
}

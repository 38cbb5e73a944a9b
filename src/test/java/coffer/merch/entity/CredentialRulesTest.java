package coffer.merch.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    @Test
    void aUsernameIsOneToSixtyFourVisibleCharactersOfOneScript() {
        assertThat(CredentialRules.username("a")).contains("a");
        assertThat(CredentialRules.username("алиса.о-брайен-7")).contains("алиса.о-брайен-7");
        assertThat(CredentialRules.username("o'brien_7@example")).isPresent();
        assertThat(CredentialRules.username("x".repeat(64))).isPresent();
        assertThat(CredentialRules.username("😀".repeat(64)))
                .as("64 characters, 128 UTF-16 units")
                .isPresent();
        assertThat(CredentialRules.username("")).isEmpty();
        assertThat(CredentialRules.username("x".repeat(65))).isEmpty();
    }

    @Test
    void aUsernameMixingScriptsIsRefused() {
        assertThat(CredentialRules.username("\u0430lice")).as("Cyrillic а, Latin lice").isEmpty();
        assertThat(CredentialRules.username("payp\u0430l")).isEmpty();
        assertThat(CredentialRules.username("αβγabc")).isEmpty();
    }

    @Test
    void scriptsWrittenTogetherMayBeMixed() {
        assertThat(CredentialRules.username("山田たろう")).as("Han and Hiragana").isPresent();
        assertThat(CredentialRules.username("김민준金")).as("Hangul and Han").isPresent();
    }

    @Test
    void spacesControlsAndInvisibleCharactersAreRefused() {
        assertThat(CredentialRules.username("two words")).isEmpty();
        assertThat(CredentialRules.username("tab\there")).isEmpty();
        assertThat(CredentialRules.username("no\u00a0break")).isEmpty();
        assertThat(CredentialRules.username("zero\u200bwidth")).isEmpty();
        assertThat(CredentialRules.username("bidi\u202e")).isEmpty();
        assertThat(CredentialRules.username("nul\u0000")).isEmpty();
        assertThat(CredentialRules.username("line\u2028sep")).isEmpty();
        assertThat(CredentialRules.username("private\ue000")).isEmpty();
        assertThat(CredentialRules.username("unassigned\u0378")).isEmpty();
        assertThat(CredentialRules.username("soft\u00adhyphen")).isEmpty();
        assertThat(CredentialRules.username("variation\ufe0f")).isEmpty();
        assertThat(CredentialRules.username("joiner\u034f")).isEmpty();
        assertThat(CredentialRules.username("\u3164")).as("Hangul filler").isEmpty();
    }

    @Test
    void aCombiningMarkMayFollowALetterButNotStartAName() {
        assertThat(CredentialRules.username("\u0301alice")).isEmpty();
        assertThat(CredentialRules.username("zoe\u0308y")).isPresent();
    }

    @Test
    void aUsernameIsComposedBeforeItIsCheckedOrStored() {
        String decomposed = "jose\u0301";

        assertThat(CredentialRules.username(decomposed)).contains("jos\u00e9");
        assertThat(CredentialRules.username("jos\u00e9")).contains("jos\u00e9");
    }

    @Test
    void aPasswordIsAtLeastTheMinimumInCharactersAndAtMost72Bytes() {
        assertThat(CredentialRules.isPassword("p".repeat(8), 8)).isTrue();
        assertThat(CredentialRules.isPassword("p".repeat(7), 8)).isFalse();
        assertThat(CredentialRules.isPassword("ёёёёёёёё", 8)).as("8 characters, 16 bytes").isTrue();
        assertThat(CredentialRules.isPassword("p".repeat(72), 8)).isTrue();
        assertThat(CredentialRules.isPassword("ё".repeat(36), 8)).isTrue();
        assertThat(CredentialRules.isPassword("ё".repeat(36) + "p", 8)).as("73 bytes").isFalse();
        assertThat(CredentialRules.isPassword("", 1)).isFalse();
        assertThat(CredentialRules.isPassword("p", 1)).isTrue();
        assertThat(CredentialRules.password(8))
                .isEqualTo("a string of at least 8 characters and at most 72 bytes in UTF-8");
    }
}

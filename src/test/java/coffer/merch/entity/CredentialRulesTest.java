package coffer.merch.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    @Test
    void aUsernameIsOneToSixtyFourVisibleCharactersOfAnyScript() {
        assertThat(CredentialRules.isUsername("a")).isTrue();
        assertThat(CredentialRules.isUsername("алиса.o'brien-7")).isTrue();
        assertThat(CredentialRules.isUsername("x".repeat(64))).isTrue();
        assertThat(CredentialRules.isUsername("😀".repeat(64)))
                .as("code points, not chars")
                .isTrue();
        assertThat(CredentialRules.isUsername("")).isFalse();
        assertThat(CredentialRules.isUsername("x".repeat(65))).isFalse();
    }

    @Test
    void aUsernameHasNoSpacesControlsOrInvisibleCharacters() {
        assertThat(CredentialRules.isUsername("two words")).isFalse();
        assertThat(CredentialRules.isUsername("tab\there")).isFalse();
        assertThat(CredentialRules.isUsername("no\u00a0break")).isFalse();
        assertThat(CredentialRules.isUsername("zero\u200bwidth")).isFalse();
        assertThat(CredentialRules.isUsername("bidi\u202e")).isFalse();
        assertThat(CredentialRules.isUsername("nul\u0000")).isFalse();
    }

    @Test
    void aPasswordIsOneToSeventyTwoBytesOfUtf8() {
        assertThat(CredentialRules.isPassword("p")).isTrue();
        assertThat(CredentialRules.isPassword("p".repeat(72))).isTrue();
        assertThat(CredentialRules.isPassword("ё".repeat(36))).isTrue();
        assertThat(CredentialRules.isPassword("ё".repeat(36) + "p")).as("73 bytes").isFalse();
        assertThat(CredentialRules.isPassword("")).isFalse();
    }
}

package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    private final Passwords passwords = quick();

    @Test
    void aHashIsBcrypt2bAtTheConfiguredCostAndMatchesOnlyItsPassword() {
        String hash = passwords.hash("testpassword");

        assertThat(hash).startsWith("$2b$04$").hasSize(60);
        assertThat(passwords.matches("testpassword", hash)).isTrue();
        assertThat(passwords.matches("testpassworD", hash)).isFalse();
        assertThat(passwords.hash("testpassword")).as("salted").isNotEqualTo(hash);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "testpassword",
                "pässwörd ✓ 密码",
                "a password of exactly seventy-two bytes, bcrypt's limit, every one used.",
            })
    void hashesTheEarlierLibraryStoredStillMatch(String password) {
        assertThat(password.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(72);
        for (BCrypt.Version version :
                new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B}) {
            String stored =
                    new String(
                            BCrypt.with(version).hash(4, password.getBytes(StandardCharsets.UTF_8)),
                            StandardCharsets.US_ASCII);

            assertThat(passwords.matches(password, stored)).as(stored).isTrue();
            assertThat(passwords.matches(password.substring(1), stored)).as(stored).isFalse();
        }
    }

    private static Passwords quick() {
        Passwords passwords = new Passwords();
        passwords.cost = 4;
        passwords.bound();
        return passwords;
    }
}

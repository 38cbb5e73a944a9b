package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir Path directory;

    @Test
    void aMissingKeyFileIsCreatedOnceWithARandomKeyOnlyItsOwnerReads() throws Exception {
        Path file = directory.resolve("data/merch-jwt.key");

        byte[] first = SigningKey.from(Optional.empty(), Optional.of(file.toString())).get();
        byte[] again = SigningKey.from(Optional.empty(), Optional.of(file.toString())).get();

        assertThat(first).hasSize(SigningKey.MIN_BYTES).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aKeyInConfigurationWinsOverTheFile() {
        String key = Base64.getEncoder().encodeToString(new byte[48]);

        assertThat(
                        SigningKey.from(
                                Optional.of(key), Optional.of(directory.resolve("k").toString())))
                .hasValueSatisfying(bytes -> assertThat(bytes).hasSize(48));
        assertThat(directory.resolve("k")).doesNotExist();
    }

    @Test
    void aKeyShorterThan256BitsOrNotBase64IsRefusedWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString("short-secret".getBytes());

        assertThatThrownBy(() -> SigningKey.from(Optional.of(shortKey), Optional.empty()))
                .hasMessage(
                        "merch.jwt.key must hold at least 32 bytes (256 bits) for HS256,"
                                + " not 12");
        assertThatThrownBy(() -> SigningKey.from(Optional.of("not base64!"), Optional.empty()))
                .hasMessage("merch.jwt.key must hold the key in base64");
    }

    @Test
    void noKeyConfiguredIsNoKey() {
        assertThat(SigningKey.from(Optional.empty(), Optional.empty())).isEmpty();
    }
}

package coffer.merch.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The HS256 key tokens are signed and verified with: from {@code merch.jwt.key} (base64), else from
 * the file {@code merch.jwt.key-file} names, which is created with a new random key, readable by
 * its owner only, when it does not exist yet (how the embedded run and the tests get one; every
 * instance given the same file agrees on one key). At least 256 bits, as HS256 requires. Never in
 * the repository, never in a log line.
 */
final class SigningKey {

    static final int MIN_BYTES = 32;

    private SigningKey() {}

    static Optional<byte[]> from(Optional<String> key, Optional<String> keyFile) {
        if (key.isPresent()) {
            return Optional.of(checked(decode(key.get(), "merch.jwt.key"), "merch.jwt.key"));
        }
        return keyFile.map(Path::of).map(SigningKey::fromFile);
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return checked(decode(text, "the key file " + file), "the key file " + file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(
                    "Cannot read or create the token key file " + file, unreadable);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path draft =
                Files.createTempFile(
                        parent,
                        ".merch-jwt",
                        ".key",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                draft,
                Base64.getEncoder().encodeToString(key),
                StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            // A link is made only if the name is free: of instances starting together on one
            // file, one key wins and all read it.
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException anotherWasFaster) {
            // Read the winner's key below.
        } finally {
            Files.delete(draft);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(source + " must hold the key in base64");
        }
    }

    private static byte[] checked(byte[] key, String source) {
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(
                    source
                            + " must hold at least "
                            + MIN_BYTES
                            + " bytes (256 bits) for HS256, not "
                            + key.length);
        }
        return key;
    }
}

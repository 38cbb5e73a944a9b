package coffer.merch.entity;

import java.nio.charset.StandardCharsets;

/**
 * What a username and a password may be. A username is 1 to 64 visible characters (letters, digits,
 * marks, punctuation, symbols of any script; no spaces, controls or invisible format characters,
 * which would let two names look the same). A password is 1 to 72 bytes in UTF-8: bcrypt reads no
 * further, so a longer one would be cut silently, and a client should hear it.
 */
public final class CredentialRules {

    public static final int MAX_USERNAME_CHARACTERS = 64;
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final String USERNAME =
            "a string of 1 to " + MAX_USERNAME_CHARACTERS + " visible characters (no spaces)";
    public static final String PASSWORD =
            "a string of 1 to " + MAX_PASSWORD_BYTES + " bytes in UTF-8";

    private CredentialRules() {}

    public static boolean isUsername(String candidate) {
        long characters = candidate.codePointCount(0, candidate.length());
        return characters >= 1
                && characters <= MAX_USERNAME_CHARACTERS
                && candidate.codePoints().allMatch(CredentialRules::visible);
    }

    public static boolean isPassword(String candidate) {
        int bytes = candidate.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= 1 && bytes <= MAX_PASSWORD_BYTES;
    }

    private static boolean visible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR ->
                    false;
            default -> true;
        };
    }
}

package coffer.merch.entity;

import java.lang.Character.UnicodeScript;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a username and a password may be.
 *
 * <p>A username is 1 to 64 visible characters, in Unicode's composed form (NFC), which is what is
 * stored and compared: "é" typed as e and a combining accent is the same name as "é" typed as one
 * character. Refused, because they would let two names look the same or a name look like nothing:
 * spaces, controls, format characters (zero-width, bidi), separators, private-use, surrogate and
 * unassigned code points, the other default-ignorable ones (variation selectors, Hangul fillers,
 * the combining grapheme joiner), and a combining mark at the start. Confusables: the letters of a
 * name come from one script (digits, punctuation and symbols, which are common to all, go with any;
 * Han may go with Hiragana and Katakana, or with Hangul, or with Bopomofo, as Japanese, Korean and
 * Chinese write), so Cyrillic "аlice" with a Latin tail is refused. A name written wholly in
 * another script's lookalikes (Cyrillic "рор" beside Latin "pop") is not caught: that needs
 * Unicode's confusable skeletons (UTS #39), which the JDK does not carry.
 *
 * <p>A password is at least {@code minimum} characters (configured, default 8) and at most 72 bytes
 * in UTF-8: bcrypt reads no further, so a longer one would be cut silently, and a client should
 * hear it.
 */
public final class CredentialRules {

    public static final int MAX_USERNAME_CHARACTERS = 64;
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final String USERNAME =
            "a string of 1 to "
                    + MAX_USERNAME_CHARACTERS
                    + " visible characters of one script (no spaces)";

    private static final Set<UnicodeScript> ANY_SCRIPT =
            EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);
    private static final List<Set<UnicodeScript>> SCRIPTS_WRITTEN_TOGETHER =
            List.of(
                    EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
                    EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL),
                    EnumSet.of(UnicodeScript.HAN, UnicodeScript.BOPOMOFO));

    /** Default-ignorable code points that are not format characters, as pairs of first and last. */
    private static final int[] IGNORABLE_RANGES = {
        0x034F, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F, 0x3164, 0x3164, 0xFE00,
        0xFE0F, 0xFFA0, 0xFFA0, 0xE0100, 0xE01EF
    };

    private CredentialRules() {}

    /** The username in NFC, if it is one. */
    public static Optional<String> username(String candidate) {
        String composed = Normalizer.normalize(candidate, Normalizer.Form.NFC);
        long characters = composed.codePointCount(0, composed.length());
        boolean valid =
                characters >= 1
                        && characters <= MAX_USERNAME_CHARACTERS
                        && !isMark(composed.codePointAt(0))
                        && composed.codePoints().allMatch(CredentialRules::visible)
                        && oneScript(composed);
        return valid ? Optional.of(composed) : Optional.empty();
    }

    public static boolean isPassword(String candidate, int minimumCharacters) {
        return candidate.codePointCount(0, candidate.length()) >= minimumCharacters
                && candidate.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    public static String password(int minimumCharacters) {
        return "a string of at least "
                + minimumCharacters
                + " characters and at most "
                + MAX_PASSWORD_BYTES
                + " bytes in UTF-8";
    }

    private static boolean oneScript(String name) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        name.codePoints().mapToObj(UnicodeScript::of).forEach(scripts::add);
        scripts.removeAll(ANY_SCRIPT);
        return scripts.size() <= 1
                || SCRIPTS_WRITTEN_TOGETHER.stream().anyMatch(set -> set.containsAll(scripts));
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean visible(int codePoint) {
        for (int i = 0; i < IGNORABLE_RANGES.length; i += 2) {
            if (codePoint >= IGNORABLE_RANGES[i] && codePoint <= IGNORABLE_RANGES[i + 1]) {
                return false;
            }
        }
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

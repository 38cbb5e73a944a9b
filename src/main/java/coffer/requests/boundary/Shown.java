package coffer.requests.boundary;

/**
 * How text a client sent is quoted back in an answer: at most 40 characters, and anything but
 * printable ASCII as a backslash-u escape (as in JSON), so that an answer never carries control
 * characters, broken surrogates or kilobytes of what was sent, and a look-alike such as a Cyrillic
 * letter in a field name is visible as such.
 */
final class Shown {

    static final int MAX_CHARS = 40;

    private Shown() {}

    static String text(String raw) {
        StringBuilder shown = new StringBuilder();
        raw.chars()
                .limit(MAX_CHARS)
                .forEach(
                        c ->
                                shown.append(
                                        c >= 0x20 && c < 0x7f
                                                ? Character.toString(c)
                                                : "\\u%04x".formatted(c)));
        return raw.length() > MAX_CHARS ? shown + "..." : shown.toString();
    }
}

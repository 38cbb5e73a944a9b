package coffer.logs.control;

/**
 * Text from a request made safe for one log line. A line break in it would let a caller write a
 * line of their own (a forged entry in the audit), a bidi control would make a line read otherwise
 * than it is: so CR and LF become {@code \r} and {@code \n}, every other control, format or
 * separator character {@code \}{@code uXXXX}, and a backslash is doubled so that no caller can
 * write what looks like one of these escapes.
 */
public final class LogText {

    private LogText() {}

    public static String escaped(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> append(line, codePoint));
        return line.toString();
    }

    private static void append(StringBuilder line, int codePoint) {
        switch (codePoint) {
            case '\r' -> line.append("\\r");
            case '\n' -> line.append("\\n");
            case '\\' -> line.append("\\\\");
            default -> {
                if (isHidden(codePoint)) {
                    line.append(String.format("\\u%04x", codePoint));
                } else {
                    line.appendCodePoint(codePoint);
                }
            }
        }
    }

    private static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE ->
                    true;
            default -> false;
        };
    }
}

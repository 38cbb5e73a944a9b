package coffer.operators.control;

import coffer.problems.entity.InvalidRequest;
import java.util.regex.Pattern;

/**
 * Who an operator says they are ({@code Coffer-Operator}), for the record of their actions. The
 * token proves the right to act, not the name: one token is shared by the operators.
 */
public final class OperatorName {

    public static final String HEADER = "Coffer-Operator";

    /** An operator that gave no name. */
    public static final String UNNAMED = "operator";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}");

    private OperatorName() {}

    /**
     * The name in the header, or {@link #UNNAMED} without one.
     *
     * @throws InvalidRequest when it is not 1 to 64 letters, digits, spaces and {@code ._@-}
     */
    public static String of(String header) {
        if (header == null || header.isBlank()) {
            return UNNAMED;
        }
        String name = header.strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequest(
                    HEADER
                            + " must be 1 to 64 ASCII letters, digits, spaces and . _ @ -,"
                            + " starting with a letter or digit. Nothing was changed.");
        }
        return name;
    }
}

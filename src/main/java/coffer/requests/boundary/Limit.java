package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;
import java.util.regex.Pattern;

/**
 * How many items a listing returns ({@code ?limit=N}): 1 to 1000, in plain ASCII digits (no sign,
 * spaces, leading zeros or other scripts' digits, which {@code Integer.parseInt} would take).
 * JAX-RS builds it.
 */
public record Limit(int value) {

    public static final int MAX = 1000;

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,3}");

    public static Limit valueOf(String raw) {
        if (DIGITS.matcher(raw).matches() && Integer.parseInt(raw) <= MAX) {
            return new Limit(Integer.parseInt(raw));
        }
        throw new InvalidRequest(
                "limit must be a whole number from 1 to "
                        + MAX
                        + ", not '"
                        + Shown.text(raw)
                        + "'.");
    }
}

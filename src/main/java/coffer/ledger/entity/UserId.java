package coffer.ledger.entity;

import coffer.problems.entity.InvalidRequest;
import java.util.regex.Pattern;

/**
 * The id of a user as it arrives in a path: a positive whole number in plain ASCII digits, or the
 * request is invalid. {@code Long.parseLong} alone would also take {@code +7}, {@code 007} and
 * other scripts' digits ({@code ٧} is 7), so a malformed id could reach a real user. JAX-RS builds
 * it through {@link #valueOf(String)}.
 */
public record UserId(long value) {

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");

    public UserId {
        if (value < 1) {
            throw invalid(Long.toString(value));
        }
    }

    public static UserId valueOf(String raw) {
        if (!DIGITS.matcher(raw).matches()) {
            throw invalid(raw);
        }
        try {
            return new UserId(Long.parseLong(raw));
        } catch (NumberFormatException beyondLong) {
            throw invalid(raw);
        }
    }

    private static InvalidRequest invalid(String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return new InvalidRequest(
                "The user id must be a positive whole number in digits, without"
                        + " sign or leading zeros, not '"
                        + shown
                        + "'.");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

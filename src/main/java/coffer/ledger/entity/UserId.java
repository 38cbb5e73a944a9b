package coffer.ledger.entity;

import java.util.regex.Pattern;

/**
 * A user's number, the key of its row: as it arrives in a path, a positive whole number in plain
 * ASCII digits, or the request is invalid. {@code Long.parseLong} alone would also take {@code +7},
 * {@code 007} and other scripts' digits ({@code ٧} is 7), so a malformed id could reach a real
 * user.
 *
 * <p>{@code namedAs} is the external id a request named the user by, when it did ({@link
 * coffer.ledger.control.Books#resolve} fills it in): answers and refusals then show the user as the
 * client named it.
 */
public record UserId(long value, ExternalId namedAs) implements UserRef {

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");

    public UserId {
        if (value < 1) {
            throw UserRef.invalid(Long.toString(value));
        }
    }

    public UserId(long value) {
        this(value, null);
    }

    public static UserId valueOf(String raw) {
        if (!DIGITS.matcher(raw).matches()) {
            throw UserRef.invalid(raw);
        }
        try {
            return new UserId(Long.parseLong(raw));
        } catch (NumberFormatException beyondLong) {
            throw UserRef.invalid(raw);
        }
    }

    /** Whether the text is meant as a number: it is all ASCII digits (maybe not a valid one). */
    static boolean isNumber(String raw) {
        return !raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public Object shown() {
        return namedAs == null ? (Object) value : namedAs.shown();
    }

    @Override
    public String toString() {
        return shown().toString();
    }
}

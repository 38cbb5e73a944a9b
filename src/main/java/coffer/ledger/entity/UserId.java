package coffer.ledger.entity;

import coffer.problems.entity.InvalidRequest;

/**
 * The id of a user as it arrives in a path: a positive whole number, or the request is invalid.
 * JAX-RS builds it through {@link #valueOf(String)}.
 */
public record UserId(long value) {

    public UserId {
        if (value < 1) {
            throw invalid(Long.toString(value));
        }
    }

    public static UserId valueOf(String raw) {
        try {
            return new UserId(Long.parseLong(raw));
        } catch (NumberFormatException notANumber) {
            throw invalid(raw);
        }
    }

    private static InvalidRequest invalid(String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return new InvalidRequest("The user id must be a positive whole number, not '" + shown
                + "'.");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

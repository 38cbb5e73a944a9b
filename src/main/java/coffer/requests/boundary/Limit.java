package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;

/** How many items a listing returns ({@code ?limit=N}): 1 to 1000. JAX-RS builds it. */
public record Limit(int value) {

    public static final int MAX = 1000;

    public static Limit valueOf(String raw) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= MAX) {
                return new Limit(value);
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, like any other value out of range.
        }
        String shown = raw.length() > 20 ? raw.substring(0, 20) + "..." : raw;
        throw new InvalidRequest("limit must be a whole number from 1 to " + MAX + ", not '"
                + shown + "'.");
    }
}

package coffer.ledger.entity;

import coffer.problems.entity.InvalidRequest;

/**
 * A user as a request names it: by its number ({@link UserId}) or by the UUID it brought from the
 * system it came from ({@link ExternalId}). JAX-RS builds path parameters through {@link
 * #valueOf(String)}; the books resolve an external id to the number in the request's transaction.
 */
public sealed interface UserRef permits UserId, ExternalId {

    /**
     * Digits are a number, anything with a hyphen or a hex letter a UUID; either must be in its
     * canonical form, or the request is invalid.
     */
    static UserRef valueOf(String raw) {
        if (UserId.isNumber(raw)) {
            return UserId.valueOf(raw);
        }
        return ExternalId.parse(raw).orElseThrow(() -> invalid(raw));
    }

    /** The user as answers show it: a JSON number, or the UUID's text in lower case. */
    Object shown();

    static InvalidRequest invalid(String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return new InvalidRequest(
                "The user id must be a positive whole number in digits, without sign or leading"
                        + " zeros, or a UUID (8-4-4-4-12 hex digits), not '"
                        + shown
                        + "'.");
    }
}

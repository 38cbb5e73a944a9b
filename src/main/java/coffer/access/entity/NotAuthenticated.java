package coffer.access.entity;

import coffer.problems.entity.ProblemException;

/**
 * A request to a protected route without a token this service accepts: none, or one that is
 * malformed, unsigned, signed by another key or with another algorithm, from another issuer, for
 * another audience, or expired. Which of these it was is not said, so a forger learns nothing.
 */
public class NotAuthenticated extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final boolean tokenSent;

    public NotAuthenticated(boolean tokenSent) {
        super(
                401,
                "authentication-required",
                "Authentication required",
                tokenSent
                        ? "The bearer token is not one this service accepts. Nothing was changed."
                        : "This route needs Authorization: Bearer <token>, a token from Coffer's"
                                + " identity provider. Nothing was changed.");
        this.tokenSent = tokenSent;
    }

    /** The {@code WWW-Authenticate} challenge of RFC 6750 for this refusal. */
    public String challenge() {
        return tokenSent
                ? "Bearer realm=\"coffer\", error=\"invalid_token\""
                : "Bearer realm=\"coffer\"";
    }
}

package coffer.merch.entity;

import coffer.problems.entity.ProblemException;

/**
 * A request without a valid bearer token: none, malformed, tampered with, expired, or signed
 * otherwise than the shop signs. Which of these it was is not said, so a forger learns nothing.
 */
public class Unauthenticated extends ProblemException {

    private static final long serialVersionUID = 1L;

    public Unauthenticated(boolean tokenSent) {
        super(
                401,
                "unauthorized",
                "Unauthorized",
                tokenSent
                        ? "the bearer token is invalid or expired; get a new one from POST /api/auth"
                        : "this route needs Authorization: Bearer <token>, the token from POST /api/auth");
    }
}

package coffer.operators.entity;

import coffer.problems.entity.ProblemException;

/**
 * An action without the operator token, or with another one. Which of the two is said, since a
 * missing header is a mistake worth naming; a wrong token says nothing of the right one.
 */
public class OperatorUnauthorized extends ProblemException {

    private static final long serialVersionUID = 1L;

    public OperatorUnauthorized(boolean tokenSent) {
        super(
                401,
                "operator-token-required",
                "Operator token required",
                tokenSent
                        ? "The operator token sent is not this instance's CONSOLE_TOKEN. Nothing"
                                + " was changed."
                        : "This action needs the operator token: Authorization: Bearer"
                                + " <CONSOLE_TOKEN>. Nothing was changed.");
    }
}

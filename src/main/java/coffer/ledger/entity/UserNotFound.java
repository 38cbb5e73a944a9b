package coffer.ledger.entity;

import coffer.problems.entity.ProblemException;

public class UserNotFound extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UserNotFound(UserRef userId) {
        super(
                404,
                "user-not-found",
                "User not found",
                "There is no user " + userId + ". Create one with POST /users.");
    }
}

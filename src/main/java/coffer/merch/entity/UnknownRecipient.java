package coffer.merch.entity;

import coffer.problems.entity.ProblemException;

/** A transfer to a username no employee has. 400, as the shop's clients expect. */
public class UnknownRecipient extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UnknownRecipient(String username) {
        super(
                400,
                "unknown-recipient",
                "Unknown recipient",
                "no employee is called '"
                        + username
                        + "': toUser must be the username of an employee who has logged in once");
    }
}

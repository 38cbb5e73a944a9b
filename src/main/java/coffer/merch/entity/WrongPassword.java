package coffer.merch.entity;

import coffer.problems.entity.ProblemException;

/** A login with a password that is not the employee's. */
public class WrongPassword extends ProblemException {

    private static final long serialVersionUID = 1L;

    public WrongPassword() {
        super(
                401,
                "wrong-password",
                "Wrong password",
                "wrong password for this username; nothing was changed");
    }
}

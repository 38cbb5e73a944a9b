package coffer.merch.entity;

import coffer.problems.entity.ProblemException;

/** A transfer to oneself, which would change nothing but the history. */
public class SelfTransfer extends ProblemException {

    private static final long serialVersionUID = 1L;

    public SelfTransfer() {
        super(
                400,
                "self-transfer",
                "Transfer to oneself",
                "you cannot send coins to yourself: toUser must be another employee");
    }
}

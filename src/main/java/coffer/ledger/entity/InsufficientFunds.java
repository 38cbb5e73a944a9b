package coffer.ledger.entity;

import coffer.problems.entity.ProblemException;
import java.util.Map;

/**
 * A debit larger than the balance. 400 rather than 409 or 422 because that is what the clients this
 * service replaces were built against.
 */
public class InsufficientFunds extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final long available;
    private final long debit;

    public InsufficientFunds(UserId userId, long balance, long debit) {
        super(
                400,
                "insufficient-funds",
                "Insufficient funds",
                "User "
                        + userId
                        + " has "
                        + balance
                        + " available; a debit of "
                        + debit
                        + " would make it negative."
                        + " Nothing was changed.",
                Map.of("userId", userId.shown(), "balance", balance, "debit", debit));
        this.available = balance;
        this.debit = debit;
    }

    /** What the user had available when the debit was refused. */
    public long available() {
        return available;
    }

    public long debit() {
        return debit;
    }
}

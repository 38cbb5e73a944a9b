package coffer.merch.entity;

import coffer.ledger.entity.InsufficientFunds;
import coffer.problems.entity.ProblemException;
import java.util.Map;

/**
 * A transfer or purchase the employee's coins do not cover; nothing was written. The ledger's
 * refusal, in the shop's words (its clients show {@code errors} to the employee).
 */
public class NotEnoughCoins extends ProblemException {

    private static final long serialVersionUID = 1L;

    public NotEnoughCoins(long available, long needed) {
        super(
                400,
                "insufficient-funds",
                "Insufficient funds",
                "not enough coins: " + available + " available, " + needed + " needed",
                Map.of("balance", available, "debit", needed));
    }

    /** The refusal of a debit as the shop tells it; any other refusal as it is. */
    public static ProblemException of(ProblemException refusal) {
        if (refusal instanceof InsufficientFunds funds) {
            return new NotEnoughCoins(funds.available(), funds.debit());
        }
        return refusal;
    }
}

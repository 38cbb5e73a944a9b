package coffer.ledger.entity;

import coffer.problems.entity.ProblemException;
import java.util.Map;

/** A credit that would carry the balance past the largest one the books can hold. */
public class BalanceLimitExceeded extends ProblemException {

    private static final long serialVersionUID = 1L;

    public BalanceLimitExceeded(UserId userId, long balance, long credit) {
        super(
                400,
                "balance-limit-exceeded",
                "Balance limit exceeded",
                "User "
                        + userId
                        + " has "
                        + balance
                        + "; a credit of "
                        + credit
                        + " would exceed the largest balance, "
                        + BalanceRange.MAX_BALANCE
                        + ". Nothing was changed.",
                Map.of("userId", userId.shown(), "balance", balance, "credit", credit));
    }
}

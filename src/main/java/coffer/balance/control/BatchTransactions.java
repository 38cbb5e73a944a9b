package coffer.balance.control;

import coffer.idempotency.control.Answer;
import coffer.ledger.entity.UserRef;
import java.util.List;

/**
 * The transactions {@link AccountQueues} runs its batches in: the balance API's facade implements
 * it, so the engine here knows when to call a transaction but not what an answer holds.
 */
public interface BatchTransactions {

    /**
     * Applies changes of one user in one transaction, each decided and answered as {@link #change}
     * would at its turn in this order.
     */
    List<? extends Answer<?>> changeInOrder(UserRef user, List<BalanceChange> changes);

    /** Applies one change in its own transaction. */
    Answer<?> change(UserRef user, BalanceChange change);
}

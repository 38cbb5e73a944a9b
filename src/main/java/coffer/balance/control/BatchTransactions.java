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
     * Applies the batches of one or more accounts in one transaction, each change decided and
     * answered as {@link #change} would at its turn in its account's order. Answers come per batch,
     * in the order given.
     *
     * @throws coffer.problems.entity.ProblemException when a problem of one request (an unknown
     *     user, say) refused them all: nothing was applied
     */
    List<? extends List<? extends Answer<?>>> changeTogether(List<AccountBatch> batches);

    /** Applies one change in its own transaction. */
    Answer<?> change(UserRef user, BalanceChange change);
}

package coffer.ledger.control;

import coffer.problems.entity.ProblemException;
import java.util.function.Function;

/** What became of a requested change of a balance. */
public sealed interface Outcome {

    /** The one of the two functions that fits what became of the change, applied to it. */
    default <T> T fold(Function<Applied, T> ifApplied, Function<ProblemException, T> ifRefused) {
        if (this instanceof Applied applied) {
            return ifApplied.apply(applied);
        }
        return ifRefused.apply(((Refused) this).reason());
    }

    /**
     * Applied: the user's number and external id (or null), the book balance (what the ledger sums
     * to) and the available balance (without expired points not yet written off) right after it;
     * the accrual it created, if any.
     */
    record Applied(long userId, String externalId, long balance, long available, Long accrualId)
            implements Outcome {}

    /** Refused, nothing written: why, as the problem the client gets. */
    record Refused(ProblemException reason) implements Outcome {}
}

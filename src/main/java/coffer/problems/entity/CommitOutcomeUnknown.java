package coffer.problems.entity;

/**
 * A change whose transaction was still being committed when its client's wait ran out: it may or
 * may not have been applied, and the client must not be told either. The same problem type as a
 * commit whose connection failed (see {@code coffer.problems.control.DatabaseFailure}); retried
 * with the same idempotency key, the change is applied at most once and the answer is its outcome.
 */
public class CommitOutcomeUnknown extends TemporarilyUnavailable {

    private static final long serialVersionUID = 1L;

    public static final String TYPE = "commit-outcome-unknown";
    public static final String TITLE = "Commit outcome unknown";

    public CommitOutcomeUnknown(String detail) {
        super(TYPE, TITLE, detail);
    }
}

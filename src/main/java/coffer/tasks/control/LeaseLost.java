package coffer.tasks.control;

/**
 * The run's lease could not be renewed: it expired, so another instance may already run the task.
 * The run must stop at once; its history was closed by whoever freed the lease.
 */
public class LeaseLost extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseLost(Lease lease) {
        super("Lost the lease of " + lease, null, false, false);
    }
}

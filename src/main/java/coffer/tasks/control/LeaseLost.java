package coffer.tasks.control;

import jakarta.ejb.ApplicationException;

/**
 * The run's lease could not be renewed, or a write of the run found it superseded: the lease
 * expired or was freed, so another instance may already run the task. The run must stop at once;
 * its history was closed by whoever freed the lease. An application exception that rolls back: a
 * write it refuses never commits, and it reaches the run as itself, not wrapped by the container.
 */
@ApplicationException(rollback = true)
public class LeaseLost extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseLost(Lease lease) {
        super("Lost the lease of " + lease, null, false, false);
    }
}

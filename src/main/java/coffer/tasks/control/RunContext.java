package coffer.tasks.control;

import java.time.Duration;
import java.util.logging.Logger;

/** What a running {@link TaskFunction} knows of its run, and its way to report progress. */
public final class RunContext {

    private static final Logger LOG = Logger.getLogger(RunContext.class.getName());

    private final Lease lease;
    private final Leases leases;
    private final TaskSettings settings;
    private final LeaseTerm term;
    private int checkpoints;

    RunContext(Lease lease, Leases leases, TaskSettings settings, LeaseTerm term) {
        this.lease = lease;
        this.leases = leases;
        this.settings = settings;
        this.term = term;
    }

    /**
     * The run's lease: the fencing token its writes carry. A write passes it to {@link Leases#hold}
     * in its transaction, or to a record (a job's attempt) fenced by it.
     */
    public Lease lease() {
        return lease;
    }

    /** A production duration at the configured time scale. */
    public Duration scaled(Duration real) {
        return settings.scaled(real);
    }

    /**
     * Reports step {@code step} of {@code steps} done, for work that knows how many it has; see
     * {@link #checkpoint(String)}.
     */
    public void checkpoint(int step, int steps, String note) throws InterruptedException {
        report(new Progress(step, steps, note));
    }

    /**
     * Reports progress with a lease renewal (the run's heartbeat), which records it in the run's
     * history for the API and the console, counting each checkpoint as a step of an unknown total.
     * While the database is away, this waits for it as long as the lease surely lasts (see {@link
     * LeaseTerm}).
     *
     * @throws InterruptedException when the instance is shutting down
     * @throws LeaseLost when the lease expired, or may have: the run must not go on
     */
    public void checkpoint(String note) throws InterruptedException {
        report(new Progress(checkpoints + 1, null, note));
    }

    private void report(Progress progress) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("Instance shutting down");
        }
        if (!term.renew(() -> leases.renew(lease, progress))) {
            throw new LeaseLost(lease);
        }
        checkpoints++;
        LOG.info(() -> lease.logPrefix() + " progress: " + progress.note());
    }
}

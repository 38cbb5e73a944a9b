package coffer.tasks.control;

import coffer.metrics.control.TaskMetrics;
import coffer.problems.control.DatabaseFailure;
import coffer.tasks.entity.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out one claimed run on a managed thread: runs the task's function, then records the
 * outcome and releases the lease. A failure is recorded and does not touch the schedule; a shutdown
 * makes the task due again at once; a lost lease stops the run without writing, since whoever freed
 * the lease has closed the run already. A run whose work failed because the database went away is
 * FAILED and due again at once, so it runs as soon as the database is back; its outcome is recorded
 * as soon as the database answers, within the lease's term.
 */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());

    @Inject Leases leases;

    @Inject TaskFunctions functions;

    @Inject TaskSettings settings;

    @Inject TaskMetrics metrics;

    public void run(Lease lease, LeaseTerm term) {
        LOG.info(() -> lease.logPrefix() + " started");
        long start = System.nanoTime();
        metrics.started(lease.taskName());
        try {
            TaskFunction function =
                    functions
                            .named(lease.functionName())
                            .orElseThrow(
                                    () ->
                                            new TaskFailure(
                                                    "No task function named '"
                                                            + lease.functionName()
                                                            + "' is deployed."));
            function.run(new RunContext(lease, leases, settings, term));
            end(lease, term, start, RunStatus.SUCCEEDED, null, null);
        } catch (LeaseLost lost) {
            metrics.finished(lease.taskName(), "lease_lost", System.nanoTime() - start);
            LOG.warning(
                    () -> lease.logPrefix() + " stopped: the lease expired before it was renewed");
        } catch (InterruptedException shutdown) {
            // Recorded before the thread is marked interrupted again, so that the statements
            // that free the lease run as on any other thread.
            end(
                    lease,
                    term,
                    start,
                    RunStatus.INTERRUPTED,
                    "Instance " + lease.instanceId() + " shut down during the run.",
                    Duration.ZERO);
            Thread.currentThread().interrupt();
        } catch (TaskFailure failure) {
            LOG.log(Level.WARNING, lease.logPrefix() + " failed", failure);
            end(lease, term, start, RunStatus.FAILED, failure.getMessage(), failure.retryIn());
        } catch (RuntimeException unexpected) {
            if (DatabaseFailure.of(unexpected) != DatabaseFailure.NONE) {
                LOG.log(
                        Level.WARNING,
                        lease.logPrefix() + " failed: the database went away",
                        unexpected);
                end(
                        lease,
                        term,
                        start,
                        RunStatus.FAILED,
                        "The database went away during the"
                                + " run; it runs again once the database is back.",
                        Duration.ZERO);
                return;
            }
            LOG.log(Level.SEVERE, lease.logPrefix() + " failed unexpectedly", unexpected);
            end(
                    lease,
                    term,
                    start,
                    RunStatus.FAILED,
                    "Unexpected failure; details are in the"
                            + " log of instance "
                            + lease.instanceId()
                            + " under run "
                            + lease.runId()
                            + ".",
                    null);
        }
    }

    private void end(
            Lease lease,
            LeaseTerm term,
            long start,
            RunStatus status,
            String error,
            Duration dueIn) {
        boolean recorded =
                term.end(
                        () ->
                                dueIn == null
                                        ? leases.finish(lease, status, error)
                                        : leases.finishAndReschedule(lease, status, error, dueIn));
        long nanos = System.nanoTime() - start;
        metrics.finished(lease.taskName(), status.name().toLowerCase(Locale.ROOT), nanos);
        if (status == RunStatus.SUCCEEDED && recorded) {
            metrics.succeeded(lease.taskName());
        }
        long millis = nanos / 1_000_000;
        LOG.info(
                () ->
                        lease.logPrefix()
                                + " ended "
                                + status
                                + " after "
                                + millis
                                + " ms"
                                + (recorded
                                        ? ""
                                        : " (not recorded here: the lease had been freed, or the database"
                                                + " stayed away past its term)"));
    }
}

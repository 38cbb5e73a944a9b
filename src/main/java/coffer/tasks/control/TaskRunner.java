package coffer.tasks.control;

import coffer.tasks.entity.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out one claimed run on a managed thread: runs the task's function, then records the
 * outcome and releases the lease. A failure is recorded and does not touch the schedule; a
 * shutdown makes the task due again at once; a lost lease stops the run without writing, since
 * whoever freed the lease has closed the run already.
 */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());

    @Inject
    Leases leases;

    @Inject
    TaskFunctions functions;

    @Inject
    TaskSettings settings;

    public void run(Lease lease) {
        LOG.info(() -> "task=" + lease.taskName() + " run=" + lease.runId() + " instance="
                + lease.instanceId() + " started");
        long start = System.nanoTime();
        try {
            TaskFunction function = functions.named(lease.functionName()).orElseThrow(
                    () -> new TaskFailure("No task function named '" + lease.functionName()
                            + "' is deployed."));
            function.run(new RunContext(lease, leases, settings));
            end(lease, start, RunStatus.SUCCEEDED, null, null);
        } catch (LeaseLost lost) {
            LOG.warning(() -> "task=" + lease.taskName() + " run=" + lease.runId() + " instance="
                    + lease.instanceId() + " stopped: the lease expired before it was renewed");
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
            end(lease, start, RunStatus.INTERRUPTED, "Instance " + lease.instanceId()
                    + " shut down during the run.", Duration.ZERO);
        } catch (TaskFailure failure) {
            LOG.log(Level.WARNING, "task=" + lease.taskName() + " run=" + lease.runId()
                    + " failed", failure);
            end(lease, start, RunStatus.FAILED, failure.getMessage(), failure.retryIn());
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "task=" + lease.taskName() + " run=" + lease.runId()
                    + " failed unexpectedly", unexpected);
            end(lease, start, RunStatus.FAILED, "Unexpected failure; details are in the log of"
                    + " instance " + lease.instanceId() + " under run " + lease.runId() + ".",
                    null);
        }
    }

    private void end(Lease lease, long start, RunStatus status, String error, Duration dueIn) {
        boolean recorded = dueIn == null
                ? leases.finish(lease, status, error)
                : leases.finishAndReschedule(lease, status, error, dueIn);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "task=" + lease.taskName() + " run=" + lease.runId() + " instance="
                + lease.instanceId() + " ended " + status + " after " + millis + " ms"
                + (recorded ? "" : " (not recorded: the lease had been freed already)"));
    }
}

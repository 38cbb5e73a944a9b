package coffer.tasks.control;

import coffer.BulkUpdates;
import coffer.metrics.control.TaskMetrics;
import coffer.tasks.entity.RunStatus;
import coffer.tasks.entity.Task;
import coffer.tasks.entity.TaskRun;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The lease statements. Each method is its own short transaction, committed before it returns, so
 * no lease statement is ever part of a task's work and no row lock outlives the statement. A row
 * count of 1 means done, 0 means the lease was not (or is no longer) ours; anything else is
 * impossible for a primary-key update and fails loudly ({@link BulkUpdates#atMostOne}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class.getName());

    /** {@link Task#RELEASE} parameter: keep the next run as scheduled. */
    private static final long KEEP_SCHEDULE = -1;

    @PersistenceContext EntityManager entityManager;

    @Inject TaskSettings settings;

    @Inject TaskMetrics metrics;

    public List<DueTask> dueTasks() {
        return entityManager
                .createNamedQuery(Task.DUE, Object[].class)
                .setParameter("minusGraceMillis", -settings.claimGrace().toMillis())
                .getResultStream()
                .map(
                        row -> {
                            Task task = (Task) row[0];
                            return new DueTask(
                                    task.id(),
                                    task.name(),
                                    task.functionName(),
                                    task.interval(),
                                    Boolean.TRUE.equals(row[1]));
                        })
                .toList();
    }

    /** Takes the task's lease for a new run if it is due and nobody runs it. */
    public Optional<Lease> claim(DueTask task, String instance) {
        boolean claimed =
                BulkUpdates.named(entityManager, Task.CLAIM)
                        .setParameter("id", task.id())
                        .setParameter("instance", instance)
                        .setParameter("leaseMillis", settings.leaseTtl().toMillis())
                        .setParameter("intervalMillis", settings.scaled(task.interval()).toMillis())
                        .atMostOne();
        if (!claimed) {
            return Optional.empty();
        }
        TaskRun run = new TaskRun(task.id(), instance);
        entityManager.persist(run);
        entityManager.flush();
        // The claim above holds the row's lock: nobody else can have changed it.
        BulkUpdates.named(entityManager, Task.ATTACH_RUN)
                .setParameter("id", task.id())
                .setParameter("instance", instance)
                .setParameter("runId", run.id())
                .exactlyOne();
        return Optional.of(
                new Lease(task.id(), task.name(), task.functionName(), run.id(), instance));
    }

    /**
     * Extends the lease by its full time to live and records the run's progress; false when the
     * lease has expired or is not ours, and then nothing is recorded.
     */
    public boolean renew(Lease lease, Progress progress) {
        boolean renewed =
                BulkUpdates.named(entityManager, Task.RENEW)
                        .setParameter("id", lease.taskId())
                        .setParameter("runId", lease.runId())
                        .setParameter("instance", lease.instanceId())
                        .setParameter("leaseMillis", settings.leaseTtl().toMillis())
                        .atMostOne();
        if (renewed) {
            // The renewal holds the task row's lock, and only its holder closes the run.
            BulkUpdates.named(entityManager, TaskRun.PROGRESS)
                    .setParameter("id", lease.runId())
                    .setParameter("step", progress.step())
                    .setParameter("steps", progress.steps())
                    .setParameter("note", progress.note())
                    .setParameter("running", RunStatus.RUNNING)
                    .exactlyOne();
        }
        return renewed;
    }

    /**
     * Fences a write of the run: called first in the write's transaction, it holds the task's row
     * until that transaction ends, so the write commits only while the run's lease is its own and
     * nobody can take the task over in between.
     *
     * @throws LeaseLost when the run was superseded; the caller's transaction rolls back
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void hold(Lease lease) {
        boolean held =
                BulkUpdates.named(entityManager, Task.HOLD)
                        .setParameter("id", lease.taskId())
                        .setParameter("runId", lease.runId())
                        .setParameter("instance", lease.instanceId())
                        .atMostOne();
        if (!held) {
            throw new LeaseLost(lease);
        }
    }

    /** Ends the run with its outcome, keeping the schedule; false when the lease was lost. */
    public boolean finish(Lease lease, RunStatus status, String error) {
        return release(lease, status, error, KEEP_SCHEDULE);
    }

    /** Ends the run with its outcome and makes the task due again after the delay. */
    public boolean finishAndReschedule(
            Lease lease, RunStatus status, String error, Duration dueIn) {
        return release(lease, status, error, dueIn.toMillis());
    }

    /**
     * Closes the runs whose owners stopped renewing their leases (crashed, hung, cut off) as
     * ABANDONED and makes their tasks due at once. Safe to run on every instance at once: each
     * expired lease is abandoned by exactly one of them, which gets the tasks it freed.
     */
    public List<DueTask> abandonExpired() {
        List<DueTask> abandoned = new ArrayList<>();
        for (Task task :
                entityManager.createNamedQuery(Task.EXPIRED_LEASES, Task.class).getResultList()) {
            String error =
                    "Lease expired: "
                            + task.runningInstance()
                            + " stopped renewing it (crashed, hung or cut off from the database).";
            boolean freed =
                    BulkUpdates.named(entityManager, Task.ABANDON)
                            .setParameter("id", task.id())
                            .setParameter("runId", task.currentRunId())
                            .setParameter("abandoned", RunStatus.ABANDONED)
                            .setParameter("error", error)
                            .atMostOne();
            if (freed) {
                closeRun(task.currentRunId(), RunStatus.ABANDONED, error);
                metrics.tookOver(task.name());
                abandoned.add(
                        new DueTask(
                                task.id(),
                                task.name(),
                                task.functionName(),
                                task.interval(),
                                true));
                Lease dead =
                        new Lease(
                                task.id(),
                                task.name(),
                                task.functionName(),
                                task.currentRunId(),
                                task.runningInstance());
                LOG.warning(() -> dead.logPrefix() + " abandoned: " + error);
            }
        }
        return abandoned;
    }

    /**
     * Releases the leases the database says this instance holds under runs it does not carry out,
     * closing those runs ABANDONED and making their tasks due at once. That happens when the
     * database connection failed during the commit of a claim (it committed, but the instance never
     * learnt it owned the run) or while a run's end was being recorded; without this the task would
     * wait for the lease to expire.
     */
    public void releaseOrphans(String instance, Set<Long> runsInFlight) {
        for (Task task :
                entityManager
                        .createNamedQuery(Task.HELD_BY, Task.class)
                        .setParameter("instance", instance)
                        .getResultList()) {
            if (!runsInFlight.contains(task.currentRunId())) {
                String error =
                        "Instance "
                                + instance
                                + " held the lease without carrying out"
                                + " the run: the database connection failed while its claim or its end"
                                + " was being committed.";
                Lease orphan =
                        new Lease(
                                task.id(),
                                task.name(),
                                task.functionName(),
                                task.currentRunId(),
                                instance);
                if (release(orphan, RunStatus.ABANDONED, error, 0)) {
                    metrics.tookOver(task.name());
                    LOG.warning(() -> orphan.logPrefix() + " abandoned: " + error);
                }
            }
        }
    }

    private boolean release(Lease lease, RunStatus status, String error, long rescheduleMillis) {
        boolean released =
                BulkUpdates.named(entityManager, Task.RELEASE)
                        .setParameter("id", lease.taskId())
                        .setParameter("runId", lease.runId())
                        .setParameter("instance", lease.instanceId())
                        .setParameter("status", status)
                        .setParameter("error", error)
                        .setParameter("rescheduleMillis", rescheduleMillis)
                        .atMostOne();
        if (!released) {
            return false;
        }
        closeRun(lease.runId(), status, error);
        return true;
    }

    /**
     * Gives the run its final status. Exactly one row: the caller has just freed the task's row
     * from this run in the same transaction, and only that frees a run and closes it.
     */
    private void closeRun(Long runId, RunStatus status, String error) {
        BulkUpdates.named(entityManager, TaskRun.FINISH)
                .setParameter("id", runId)
                .setParameter("status", status)
                .setParameter("error", error)
                .setParameter("running", RunStatus.RUNNING)
                .exactlyOne();
    }
}

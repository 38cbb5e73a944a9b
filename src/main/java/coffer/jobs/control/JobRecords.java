package coffer.jobs.control;

import coffer.BulkUpdates;
import coffer.jobs.entity.Job;
import coffer.jobs.entity.JobAttempt;
import coffer.jobs.entity.JobState;
import coffer.tasks.control.Lease;
import coffer.tasks.control.LeaseLost;
import coffer.tasks.control.Leases;
import coffer.tasks.control.TaskTriggers;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A job's state and attempts. Each method is its own transaction, so the record of an attempt
 * survives whatever happens to the attempt's work.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobRecords {

    private static final Logger LOG = Logger.getLogger(JobRecords.class.getName());

    @PersistenceContext EntityManager entityManager;

    @Inject TaskTriggers triggers;

    @Inject Leases leases;

    /**
     * Queues a new job and makes its task due now, unless one is queued or running already. Either
     * way, returns the job that stands.
     */
    public Job enqueue(String name, String taskName) {
        boolean queued =
                BulkUpdates.named(entityManager, Job.ENQUEUE)
                        .setParameter("name", name)
                        .setParameter("queued", JobState.QUEUED)
                        .setParameter("running", JobState.RUNNING)
                        .atMostOne();
        if (queued) {
            triggers.makeDue(taskName);
        }
        return job(name);
    }

    /**
     * Starts the next attempt of the queued job, or a new job, for the task run holding the lease.
     * Fenced by that lease: a run that lost it cannot start an attempt, which would supersede the
     * attempt of the run that took over. The job's row is there from the migration on, so the
     * update always finds it.
     *
     * @throws LeaseLost when the run no longer holds its lease
     */
    public JobRun start(String name, Lease lease) {
        leases.hold(lease);
        BulkUpdates.named(entityManager, Job.START)
                .setParameter("name", name)
                .setParameter("queued", JobState.QUEUED)
                .setParameter("running", JobState.RUNNING)
                .exactlyOne();
        Job job = job(name);
        entityManager.persist(new JobAttempt(name, job.jobId(), job.attempt(), lease.instanceId()));
        return new JobRun(name, job.jobId(), job.attempt(), lease);
    }

    /**
     * Adds what an attempt wrote off to its job's counts, in the transaction of the write-off, so
     * that both commit or neither. The attempt is the write's fencing token: once another run has
     * started the next attempt, the count changes no row and the write-off rolls back.
     *
     * @throws LeaseLost when the attempt was superseded: its run must stop
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void count(JobRun run, long lots, long amount) {
        boolean current =
                ofRun(BulkUpdates.named(entityManager, Job.PROGRESS), run)
                        .setParameter("lots", lots)
                        .setParameter("amount", amount)
                        .atMostOne();
        if (!current) {
            throw new LeaseLost(run.lease());
        }
    }

    public void succeed(JobRun run) {
        end(run, JobState.SUCCEEDED, null);
    }

    /** Records a failed attempt: queued again after the delay, or FAILED for good without one. */
    public void fail(JobRun run, String error, Optional<Duration> retryIn) {
        if (retryIn.isEmpty()) {
            end(run, JobState.FAILED, error);
            return;
        }
        boolean current =
                ofRun(BulkUpdates.named(entityManager, Job.RETRY), run)
                        .setParameter("queued", JobState.QUEUED)
                        .setParameter("error", error)
                        .setParameter("retryMillis", retryIn.get().toMillis())
                        .atMostOne();
        endAttempt(run, "FAILED", error, current);
    }

    public Job job(String name) {
        return entityManager
                .createNamedQuery(Job.BY_NAME, Job.class)
                .setParameter("name", name)
                .getSingleResult();
    }

    private void end(JobRun run, JobState state, String error) {
        boolean current =
                ofRun(BulkUpdates.named(entityManager, Job.END), run)
                        .setParameter("state", state)
                        .setParameter("error", error)
                        .atMostOne();
        endAttempt(run, state == JobState.SUCCEEDED ? "SUCCEEDED" : "FAILED", error, current);
    }

    private static BulkUpdates ofRun(BulkUpdates update, JobRun run) {
        return update.setParameter("name", run.name())
                .setParameter("jobId", run.jobId())
                .setParameter("attempt", run.attempt());
    }

    /**
     * Records how the attempt ended; its row was written when it started. When the job's row did
     * not take the outcome ({@code current} false), a later attempt had taken the job over (this
     * one lost its lease) and the job's state is that attempt's to record.
     */
    private void endAttempt(JobRun run, String outcome, String error, boolean current) {
        ofRun(BulkUpdates.named(entityManager, JobAttempt.END), run)
                .setParameter("outcome", outcome)
                .setParameter("error", error)
                .exactlyOne();
        if (!current) {
            LOG.warning(
                    () ->
                            "Attempt "
                                    + run.attempt()
                                    + " of job "
                                    + run.name()
                                    + " "
                                    + run.jobId()
                                    + " ended "
                                    + outcome
                                    + " after another attempt took over");
        }
    }
}

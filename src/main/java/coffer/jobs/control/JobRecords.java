package coffer.jobs.control;

import coffer.BulkUpdates;
import coffer.jobs.entity.Job;
import coffer.jobs.entity.JobAttempt;
import coffer.jobs.entity.JobState;
import coffer.tasks.entity.Task;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.util.Optional;

/**
 * A job's state and attempts. Each method is its own transaction, so the record of an attempt
 * survives whatever happens to the attempt's work.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobRecords {

    @PersistenceContext
    EntityManager entityManager;

    /**
     * Queues a new job and makes its task due now, unless one is queued or running already.
     * Either way, returns the job that stands.
     */
    public Job enqueue(String name, String taskName) {
        int queued = BulkUpdates.named(entityManager, Job.ENQUEUE)
                .setParameter("name", name)
                .setParameter("queued", JobState.QUEUED)
                .setParameter("running", JobState.RUNNING)
                .executeUpdate();
        if (queued == 1) {
            BulkUpdates.named(entityManager, Task.MAKE_DUE).setParameter("name", taskName)
                    .executeUpdate();
        }
        return job(name);
    }

    /** Starts the next attempt of the queued job, or a new job, on this instance. */
    public JobRun start(String name, String instanceId) {
        BulkUpdates.named(entityManager, Job.START)
                .setParameter("name", name)
                .setParameter("queued", JobState.QUEUED)
                .setParameter("running", JobState.RUNNING)
                .executeUpdate();
        Job job = job(name);
        entityManager.persist(new JobAttempt(name, job.jobId(), job.attempt(), instanceId));
        return new JobRun(name, job.jobId(), job.attempt());
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
        ofRun(BulkUpdates.named(entityManager, Job.RETRY), run)
                .setParameter("queued", JobState.QUEUED)
                .setParameter("error", error)
                .setParameter("retryMillis", retryIn.get().toMillis())
                .executeUpdate();
        endAttempt(run, "FAILED", error);
    }

    public Job job(String name) {
        return entityManager.createNamedQuery(Job.BY_NAME, Job.class).setParameter("name", name)
                .getSingleResult();
    }

    private void end(JobRun run, JobState state, String error) {
        ofRun(BulkUpdates.named(entityManager, Job.END), run)
                .setParameter("state", state)
                .setParameter("error", error)
                .executeUpdate();
        endAttempt(run, state == JobState.SUCCEEDED ? "SUCCEEDED" : "FAILED", error);
    }

    private static Query ofRun(Query query, JobRun run) {
        return query.setParameter("name", run.name())
                .setParameter("jobId", run.jobId())
                .setParameter("attempt", run.attempt());
    }

    private void endAttempt(JobRun run, String outcome, String error) {
        ofRun(BulkUpdates.named(entityManager, JobAttempt.END), run)
                .setParameter("outcome", outcome)
                .setParameter("error", error)
                .executeUpdate();
    }
}

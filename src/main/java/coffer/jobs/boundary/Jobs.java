package coffer.jobs.boundary;

import coffer.Utc;
import coffer.jobs.control.Backoff;
import coffer.jobs.control.JobRecords;
import coffer.jobs.entity.Job;
import coffer.jobs.entity.JobAttempt;
import coffer.ledger.control.ExpireAccruals;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;

/** What the job API does: queue the expire-accruals job, and show it. */
@Stateless
public class Jobs {

    @Inject
    JobRecords records;

    @PersistenceContext
    EntityManager entityManager;

    public JobView enqueueExpiry() {
        return view(records.enqueue(ExpireAccruals.JOB, ExpireAccruals.TASK));
    }

    public JobView expiry() {
        return view(records.job(ExpireAccruals.JOB));
    }

    private JobView view(Job job) {
        var attempts = entityManager.createNamedQuery(JobAttempt.OF_JOB, JobAttempt.class)
                .setParameter("name", job.name())
                .setParameter("jobId", job.jobId())
                .getResultStream()
                .map(attempt -> new JobView.Attempt(attempt.attempt(), attempt.instanceId(),
                        Utc.of(attempt.startedAt()), Utc.of(attempt.finishedAt()),
                        attempt.outcome(), attempt.error()))
                .toList();
        return new JobView(job.name(), job.jobId(), job.state().name(), job.attempt(),
                Backoff.MAX_ATTEMPTS, job.lotsExpired(), job.amountExpired(), job.lastError(),
                Utc.of(job.queuedAt()), Utc.of(job.startedAt()), Utc.of(job.finishedAt()),
                Utc.of(job.nextAttemptAt()), attempts);
    }
}

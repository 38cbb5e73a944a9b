package coffer.jobs.boundary;

import coffer.Utc;
import coffer.jobs.control.Backoff;
import coffer.jobs.control.JobRecords;
import coffer.jobs.entity.Job;
import coffer.jobs.entity.JobAttempt;
import coffer.tasks.control.InstanceNames;
import coffer.tasks.control.InstanceRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** What a job API does: queue a job, and show it with its attempts. */
@Stateless
public class Jobs {

    @Inject JobRecords records;

    @Inject InstanceRegistry instances;

    @PersistenceContext EntityManager entityManager;

    /** Queues the job, run by the task named, unless one is queued or running already. */
    public JobView enqueue(String name, String taskName) {
        return view(records.enqueue(name, taskName));
    }

    public JobView job(String name) {
        return view(records.job(name));
    }

    private JobView view(Job job) {
        List<JobAttempt> ofJob =
                entityManager
                        .createNamedQuery(JobAttempt.OF_JOB, JobAttempt.class)
                        .setParameter("name", job.name())
                        .setParameter("jobId", job.jobId())
                        .getResultList();
        InstanceNames names = instances.names(ofJob.stream().map(JobAttempt::instanceId).toList());
        var attempts =
                ofJob.stream()
                        .map(
                                attempt ->
                                        new JobView.Attempt(
                                                attempt.attempt(),
                                                names.of(attempt.instanceId()),
                                                Utc.of(attempt.startedAt()),
                                                Utc.of(attempt.finishedAt()),
                                                attempt.outcome(),
                                                attempt.error()))
                        .toList();
        return new JobView(
                job.name(),
                job.jobId(),
                job.state().name(),
                job.attempt(),
                Backoff.MAX_ATTEMPTS,
                job.lotsExpired(),
                job.amountExpired(),
                job.lastError(),
                Utc.of(job.queuedAt()),
                Utc.of(job.startedAt()),
                Utc.of(job.finishedAt()),
                Utc.of(job.nextAttemptAt()),
                attempts);
    }
}

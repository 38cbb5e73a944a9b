package coffer.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A named job and the state of its current (or last) run. Its transitions are conditional UPDATEs,
 * so two instances, or two requests, cannot both start or queue one.
 */
@Entity
@Table(name = "jobs")
@NamedQuery(name = Job.BY_NAME, query = "SELECT j FROM Job j WHERE j.name = :name")
@NamedQuery(
        name = Job.ENQUEUE,
        query =
                """
        UPDATE Job j SET j.jobId = j.jobId + 1, j.state = :queued, j.attempt = 0,
            j.lotsExpired = 0, j.amountExpired = 0, j.lastError = NULL,
            j.queuedAt = CURRENT_TIMESTAMP, j.startedAt = NULL, j.finishedAt = NULL,
            j.nextAttemptAt = CURRENT_TIMESTAMP
        WHERE j.name = :name AND j.state <> :queued AND j.state <> :running""")
@NamedQuery(
        name = Job.START,
        query =
                """
        UPDATE Job j SET
            j.jobId = CASE WHEN j.state = :queued OR j.state = :running
                THEN j.jobId ELSE j.jobId + 1 END,
            j.attempt = CASE WHEN j.state = :queued OR j.state = :running
                THEN j.attempt + 1 ELSE 1 END,
            j.lotsExpired = CASE WHEN j.state = :queued OR j.state = :running
                THEN j.lotsExpired ELSE 0 END,
            j.amountExpired = CASE WHEN j.state = :queued OR j.state = :running
                THEN j.amountExpired ELSE 0 END,
            j.queuedAt = CASE WHEN j.state = :queued OR j.state = :running
                THEN j.queuedAt ELSE CURRENT_TIMESTAMP END,
            j.state = :running, j.startedAt = CURRENT_TIMESTAMP, j.finishedAt = NULL,
            j.nextAttemptAt = NULL
        WHERE j.name = :name""")
@NamedQuery(
        name = Job.PROGRESS,
        query =
                """
        UPDATE Job j SET j.lotsExpired = j.lotsExpired + :lots,
            j.amountExpired = j.amountExpired + :amount
        WHERE j.name = :name AND j.jobId = :jobId AND j.attempt = :attempt""")
@NamedQuery(
        name = Job.END,
        query =
                """
        UPDATE Job j SET j.state = :state, j.lastError = COALESCE(:error, j.lastError),
            j.finishedAt = CURRENT_TIMESTAMP, j.nextAttemptAt = NULL
        WHERE j.name = :name AND j.jobId = :jobId AND j.attempt = :attempt""")
@NamedQuery(
        name = Job.RETRY,
        query =
                """
        UPDATE Job j SET j.state = :queued, j.lastError = :error,
            j.finishedAt = CURRENT_TIMESTAMP,
            j.nextAttemptAt = FUNCTION('coffer_now_plus', :retryMillis)
        WHERE j.name = :name AND j.jobId = :jobId AND j.attempt = :attempt""")
public class Job {

    public static final String BY_NAME = "Job.byName";

    /** Queues a new job unless one is queued or running; 0 rows: that one stands. */
    public static final String ENQUEUE = "Job.enqueue";

    /**
     * Starts an attempt: the next of a queued job (or of one whose last attempt died with its
     * instance), or the first of a new job when the run is the scheduled one.
     */
    public static final String START = "Job.start";

    /**
     * Adds an attempt's write-off to its job's counts. 1 row: the attempt is the job's current one;
     * 0 rows: a later attempt has taken the job over, and this one was superseded.
     */
    public static final String PROGRESS = "Job.progress";

    /** Ends the job with its current attempt: SUCCEEDED, or FAILED for good. */
    public static final String END = "Job.end";

    /** Ends a failed attempt and queues the job for the next one after the delay. */
    public static final String RETRY = "Job.retry";

    @Id private String name;

    @Column(name = "job_id")
    private long jobId;

    @Enumerated(EnumType.STRING)
    private JobState state;

    private int attempt;

    @Column(name = "lots_expired")
    private long lotsExpired;

    @Column(name = "amount_expired")
    private long amountExpired;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "queued_at")
    private OffsetDateTime queuedAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    public String name() {
        return name;
    }

    public long jobId() {
        return jobId;
    }

    public JobState state() {
        return state;
    }

    public int attempt() {
        return attempt;
    }

    public long lotsExpired() {
        return lotsExpired;
    }

    public long amountExpired() {
        return amountExpired;
    }

    public String lastError() {
        return lastError;
    }

    public OffsetDateTime queuedAt() {
        return queuedAt;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }

    public OffsetDateTime nextAttemptAt() {
        return nextAttemptAt;
    }
}

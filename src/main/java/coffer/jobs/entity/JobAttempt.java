package coffer.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** One attempt of a job: where it ran, and how it ended. */
@Entity
@Table(name = "job_attempts")
@IdClass(JobAttempt.Key.class)
@NamedQuery(
        name = JobAttempt.OF_JOB,
        query =
                """
        SELECT a FROM JobAttempt a WHERE a.name = :name AND a.jobId = :jobId
        ORDER BY a.attempt""")
@NamedQuery(
        name = JobAttempt.END,
        query =
                """
        UPDATE JobAttempt a SET a.outcome = :outcome, a.error = :error,
            a.finishedAt = CURRENT_TIMESTAMP
        WHERE a.name = :name AND a.jobId = :jobId AND a.attempt = :attempt""")
public class JobAttempt {

    public static final String OF_JOB = "JobAttempt.ofJob";
    public static final String END = "JobAttempt.end";

    @Id private String name;

    @Id
    @Column(name = "job_id")
    private long jobId;

    @Id private int attempt;

    @Column(name = "instance_id")
    private String instanceId;

    @Column(name = "started_at", insertable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    private String outcome;

    private String error;

    protected JobAttempt() {}

    public JobAttempt(String name, long jobId, int attempt, String instanceId) {
        this.name = name;
        this.jobId = jobId;
        this.attempt = attempt;
        this.instanceId = instanceId;
    }

    public int attempt() {
        return attempt;
    }

    public String instanceId() {
        return instanceId;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }

    public String outcome() {
        return outcome;
    }

    public String error() {
        return error;
    }

    /** The primary key: an attempt of a job of a name. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String name;
        private long jobId;
        private int attempt;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that
                    && name.equals(that.name)
                    && jobId == that.jobId
                    && attempt == that.attempt;
        }

        @Override
        public int hashCode() {
            return (name.hashCode() * 31 + Long.hashCode(jobId)) * 31 + attempt;
        }
    }
}

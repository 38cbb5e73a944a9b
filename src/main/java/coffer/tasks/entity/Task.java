package coffer.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A recurring task and its lease.
 *
 * <p>The lease statements follow one rule: each is a conditional UPDATE whose row count says what
 * happened (1 = done, 0 = somebody else got there first or the lease is no longer ours). Times come
 * from the database clock ({@code CURRENT_TIMESTAMP}, {@code coffer_now_plus}).
 */
@Entity
@Table(name = "tasks")
@NamedNativeQuery(name = Task.DATABASE_TIME, query = "SELECT now()")
@NamedQuery(name = Task.ALL, query = "SELECT t FROM Task t ORDER BY t.id")
@NamedQuery(name = Task.BY_NAME, query = "SELECT t FROM Task t WHERE t.name = :name")
@NamedQuery(
        name = Task.DUE,
        query =
                """
        SELECT t, CASE WHEN t.nextRunAt < FUNCTION('coffer_now_plus', :minusGraceMillis)
            THEN TRUE ELSE FALSE END
        FROM Task t
        WHERE t.running = FALSE AND t.pausedAt IS NULL AND t.nextRunAt <= CURRENT_TIMESTAMP
        ORDER BY t.nextRunAt, t.id""")
@NamedQuery(
        name = Task.EXPIRED_LEASES,
        query =
                """
        SELECT t FROM Task t WHERE t.running = TRUE AND t.leaseExpiresAt <= CURRENT_TIMESTAMP""")
@NamedQuery(
        name = Task.HELD_BY,
        query =
                """
        SELECT t FROM Task t WHERE t.running = TRUE AND t.runningInstance = :instance""")
@NamedQuery(
        name = Task.RUNNING_PER_INSTANCE,
        query =
                """
        SELECT t.runningInstance, COUNT(t) FROM Task t
        WHERE t.running = TRUE GROUP BY t.runningInstance""")
@NamedQuery(
        name = Task.CLAIM,
        query =
                """
        UPDATE Task t SET t.running = TRUE, t.runningInstance = :instance,
            t.startedAt = CURRENT_TIMESTAMP,
            t.leaseExpiresAt = FUNCTION('coffer_now_plus', :leaseMillis),
            t.nextRunAt = FUNCTION('coffer_next_run', t.nextRunAt, :intervalMillis),
            t.currentRunId = NULL
        WHERE t.id = :id AND t.running = FALSE AND t.pausedAt IS NULL
            AND t.nextRunAt <= CURRENT_TIMESTAMP""")
@NamedQuery(
        name = Task.ATTACH_RUN,
        query =
                """
        UPDATE Task t SET t.currentRunId = :runId
        WHERE t.id = :id AND t.runningInstance = :instance AND t.currentRunId IS NULL""")
@NamedQuery(
        name = Task.RENEW,
        query =
                """
        UPDATE Task t SET t.leaseExpiresAt = FUNCTION('coffer_now_plus', :leaseMillis)
        WHERE t.id = :id AND t.currentRunId = :runId AND t.runningInstance = :instance
            AND t.leaseExpiresAt > CURRENT_TIMESTAMP""")
@NamedQuery(
        name = Task.HOLD,
        query =
                """
        UPDATE Task t SET t.leaseExpiresAt = t.leaseExpiresAt
        WHERE t.id = :id AND t.currentRunId = :runId AND t.runningInstance = :instance
            AND t.leaseExpiresAt > CURRENT_TIMESTAMP""")
@NamedQuery(
        name = Task.RELEASE,
        query =
                """
        UPDATE Task t SET t.running = FALSE, t.runningInstance = NULL, t.leaseExpiresAt = NULL,
            t.currentRunId = NULL, t.lastStatus = :status, t.lastInstance = :instance,
            t.lastFinishedAt = CURRENT_TIMESTAMP, t.lastError = :error,
            t.nextRunAt = CASE WHEN :rescheduleMillis >= 0
                THEN FUNCTION('coffer_now_plus', :rescheduleMillis) ELSE t.nextRunAt END
        WHERE t.id = :id AND t.currentRunId = :runId AND t.runningInstance = :instance""")
@NamedQuery(
        name = Task.ABANDON,
        query =
                """
        UPDATE Task t SET t.running = FALSE, t.lastInstance = t.runningInstance,
            t.runningInstance = NULL, t.leaseExpiresAt = NULL, t.currentRunId = NULL,
            t.lastStatus = :abandoned, t.lastFinishedAt = CURRENT_TIMESTAMP,
            t.lastError = :error, t.nextRunAt = CURRENT_TIMESTAMP
        WHERE t.id = :id AND t.currentRunId = :runId AND t.running = TRUE
            AND t.leaseExpiresAt <= CURRENT_TIMESTAMP""")
@NamedQuery(
        name = Task.MAKE_DUE,
        query =
                """
        UPDATE Task t SET t.nextRunAt = CURRENT_TIMESTAMP WHERE t.name = :name""")
@NamedQuery(
        name = Task.RUN_NOW,
        query =
                """
        UPDATE Task t SET t.nextRunAt = CURRENT_TIMESTAMP
        WHERE t.name = :name AND t.running = FALSE AND t.pausedAt IS NULL""")
@NamedQuery(
        name = Task.PAUSE,
        query =
                """
        UPDATE Task t SET t.pausedAt = CURRENT_TIMESTAMP, t.pausedBy = :operator
        WHERE t.name = :name AND t.pausedAt IS NULL""")
@NamedQuery(
        name = Task.RESUME,
        query =
                """
        UPDATE Task t SET t.pausedAt = NULL, t.pausedBy = NULL
        WHERE t.name = :name AND t.pausedAt IS NOT NULL""")
public class Task {

    /** The database clock, which every lease decision uses; JPQL cannot select it alone. */
    public static final String DATABASE_TIME = "Task.databaseTime";

    public static final String ALL = "Task.all";
    public static final String BY_NAME = "Task.byName";

    /**
     * Not running and due, the longest-waiting first, each with whether it has waited longer than
     * the grace period.
     */
    public static final String DUE = "Task.due";

    /** Running, but the owner has not renewed the lease in time. */
    public static final String EXPIRED_LEASES = "Task.expiredLeases";

    /** The tasks whose leases an instance holds. */
    public static final String HELD_BY = "Task.heldBy";

    public static final String RUNNING_PER_INSTANCE = "Task.runningPerInstance";

    /**
     * Takes the lease of a due task that nobody runs; schedules the next run one interval after
     * this one was due. 1 row: this instance owns the run.
     */
    public static final String CLAIM = "Task.claim";

    /** Records which {@code task_history} row the claimed run is, in the claim's transaction. */
    public static final String ATTACH_RUN = "Task.attachRun";

    /** Extends a lease that has not expired yet, for its owner only. 0 rows: it is lost. */
    public static final String RENEW = "Task.renew";

    /**
     * The fence of a run's write, in the write's transaction: changes nothing, but locks the task's
     * row until that transaction ends. 1 row: the run still holds an unexpired lease, and nobody
     * can free it or claim the task before the write commits. 0 rows: the run was superseded (its
     * lease expired, was freed, or belongs to another run), and its write must not commit.
     */
    public static final String HOLD = "Task.hold";

    /**
     * Ends a run and records its outcome, for its owner only; a non-negative {@code
     * rescheduleMillis} makes the task due again that much later (retries, shutdown).
     */
    public static final String RELEASE = "Task.release";

    /** Frees an expired lease and makes the task due at once, so another instance runs it. */
    public static final String ABANDON = "Task.abandon";

    /**
     * Makes a task due now, for work queued on demand. If it is running, the run keeps its lease
     * and the task is due again as soon as the run ends.
     */
    public static final String MAKE_DUE = "Task.makeDue";

    /** An operator's run now: due at once. 0 rows: no such task, or it runs or is paused. */
    public static final String RUN_NOW = "Task.runNow";

    /**
     * Keeps the task from being claimed (DUE and CLAIM skip it) until it is resumed; a run in
     * progress finishes. 0 rows: no such task, or it is paused already.
     */
    public static final String PAUSE = "Task.pause";

    /** Lets the task be claimed again, at once if it fell due meanwhile. 0 rows: not paused. */
    public static final String RESUME = "Task.resume";

    @Id private int id;

    private String name;

    @Column(name = "function_name")
    private String functionName;

    @Column(name = "interval_seconds")
    private long intervalSeconds;

    @Column(name = "next_run_at")
    private OffsetDateTime nextRunAt;

    @Column(name = "is_running")
    private boolean running;

    @Column(name = "running_instance")
    private String runningInstance;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "lease_expires_at")
    private OffsetDateTime leaseExpiresAt;

    @Column(name = "current_run_id")
    private Long currentRunId;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_status")
    private RunStatus lastStatus;

    @Column(name = "last_instance")
    private String lastInstance;

    @Column(name = "last_finished_at")
    private OffsetDateTime lastFinishedAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "paused_at")
    private OffsetDateTime pausedAt;

    @Column(name = "paused_by")
    private String pausedBy;

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String functionName() {
        return functionName;
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    public OffsetDateTime nextRunAt() {
        return nextRunAt;
    }

    public boolean running() {
        return running;
    }

    public String runningInstance() {
        return runningInstance;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public Long currentRunId() {
        return currentRunId;
    }

    public RunStatus lastStatus() {
        return lastStatus;
    }

    public String lastInstance() {
        return lastInstance;
    }

    public OffsetDateTime lastFinishedAt() {
        return lastFinishedAt;
    }

    public String lastError() {
        return lastError;
    }

    /** When an operator paused it; null while it is not paused. */
    public OffsetDateTime pausedAt() {
        return pausedAt;
    }

    public String pausedBy() {
        return pausedBy;
    }
}

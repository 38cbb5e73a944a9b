package coffer.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One run of a task: a row of {@code task_history}. Started by the database clock. */
@Entity
@Table(name = "task_history")
@NamedQuery(
        name = TaskRun.FINISH,
        query =
                """
        UPDATE TaskRun r SET r.status = :status, r.finishedAt = CURRENT_TIMESTAMP,
            r.error = :error
        WHERE r.id = :id AND r.status = :running""")
@NamedQuery(
        name = TaskRun.OF_TASK,
        query =
                """
        SELECT r FROM TaskRun r WHERE r.taskId = :taskId ORDER BY r.startedAt DESC, r.id DESC""")
@NamedQuery(
        name = TaskRun.STARTS_PER_INSTANCE,
        query =
                """
        SELECT r.instanceId, COUNT(r) FROM TaskRun r
        WHERE r.startedAt > FUNCTION('coffer_now_plus', :minusWindowMillis)
        GROUP BY r.instanceId""")
public class TaskRun {

    /** Gives a run that is still RUNNING its final status; 0 rows: it already has one. */
    public static final String FINISH = "TaskRun.finish";

    /** A task's runs, newest first. */
    public static final String OF_TASK = "TaskRun.ofTask";

    /** How many runs each instance started in the recent window: the fair-share measure. */
    public static final String STARTS_PER_INSTANCE = "TaskRun.startsPerInstance";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "task_id")
    private int taskId;

    @Column(name = "instance_id")
    private String instanceId;

    @Column(name = "started_at", insertable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Enumerated(EnumType.STRING)
    private RunStatus status;

    private String error;

    protected TaskRun() {}

    public TaskRun(int taskId, String instanceId) {
        this.taskId = taskId;
        this.instanceId = instanceId;
        this.status = RunStatus.RUNNING;
    }

    public long id() {
        return id;
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

    public RunStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}

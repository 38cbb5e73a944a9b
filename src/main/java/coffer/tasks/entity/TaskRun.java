package coffer.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One run of a task, or an operator's action on it: a row of {@code task_history}. Started by the
 * database clock.
 */
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
            AND r.operator IS NULL
        GROUP BY r.instanceId""")
@NamedQuery(
        name = TaskRun.PROGRESS,
        query =
                """
        UPDATE TaskRun r SET r.progressStep = :step, r.progressSteps = :steps,
            r.progressNote = :note
        WHERE r.id = :id AND r.status = :running""")
@NamedQuery(name = TaskRun.WITH_IDS, query = "SELECT r FROM TaskRun r WHERE r.id IN :ids")
@NamedNativeQuery(
        name = TaskRun.RECORD_ACTION,
        query =
                """
        INSERT INTO task_history (task_id, instance_id, status, finished_at, operator)
        VALUES (?1, ?2, ?3, now(), ?4)""")
public class TaskRun {

    /** Gives a run that is still RUNNING its final status; 0 rows: it already has one. */
    public static final String FINISH = "TaskRun.finish";

    /** A task's runs, newest first. */
    public static final String OF_TASK = "TaskRun.ofTask";

    /** How many runs each instance started in the recent window: the fair-share measure. */
    public static final String STARTS_PER_INSTANCE = "TaskRun.startsPerInstance";

    /** The progress a run reports with a lease renewal; 1 row, since the renewal proved it runs. */
    public static final String PROGRESS = "TaskRun.progress";

    /** The runs of these ids (never an empty list: SQL has no empty IN). */
    public static final String WITH_IDS = "TaskRun.withIds";

    /** Records an operator's action as an instant entry of the task's history. */
    public static final String RECORD_ACTION = "TaskRun.recordAction";

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

    @Column(name = "progress_step")
    private Integer progressStep;

    @Column(name = "progress_steps")
    private Integer progressSteps;

    @Column(name = "progress_note")
    private String progressNote;

    private String operator;

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

    /** The step the run last reported done; null before its first report. */
    public Integer progressStep() {
        return progressStep;
    }

    /** How many steps the run has, when it knows. */
    public Integer progressSteps() {
        return progressSteps;
    }

    public String progressNote() {
        return progressNote;
    }

    /** Who took the action this entry records; null for a run. */
    public String operator() {
        return operator;
    }
}

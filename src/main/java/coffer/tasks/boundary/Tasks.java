package coffer.tasks.boundary;

import coffer.Utc;
import coffer.tasks.boundary.InstanceView.InstanceStatus;
import coffer.tasks.boundary.TaskView.LastRun;
import coffer.tasks.boundary.TaskView.TaskStatus;
import coffer.tasks.control.TaskSettings;
import coffer.tasks.entity.InstanceRecord;
import coffer.tasks.entity.Task;
import coffer.tasks.entity.TaskNotFound;
import coffer.tasks.entity.TaskRun;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the task API shows, read in one transaction so that every figure of an answer belongs to the
 * same moment of the database clock.
 */
@Stateless
public class Tasks {

    /** How long a silent or stopped instance stays listed. */
    private static final Duration RECENT = Duration.ofHours(1);

    @PersistenceContext EntityManager entityManager;

    @Inject TaskSettings settings;

    public TasksOverview overview() {
        OffsetDateTime now = databaseTime();
        List<Task> tasks = entityManager.createNamedQuery(Task.ALL, Task.class).getResultList();
        List<TasksOverview.Pending> pending =
                tasks.stream()
                        .filter(task -> !task.running())
                        .sorted(Comparator.comparing(Task::nextRunAt).thenComparing(Task::id))
                        .map(
                                task ->
                                        new TasksOverview.Pending(
                                                task.name(),
                                                Utc.of(task.nextRunAt()),
                                                Math.max(
                                                        0,
                                                        Duration.between(now, task.nextRunAt())
                                                                .toSeconds())))
                        .toList();
        return new TasksOverview(
                now,
                settings.timeScale(),
                tasks.stream().map(task -> view(task, now)).toList(),
                pending);
    }

    public List<RunView> history(String taskName, int limit) {
        Task task =
                entityManager
                        .createNamedQuery(Task.BY_NAME, Task.class)
                        .setParameter("name", taskName)
                        .getResultStream()
                        .findFirst()
                        .orElseThrow(() -> new TaskNotFound(taskName));
        return entityManager
                .createNamedQuery(TaskRun.OF_TASK, TaskRun.class)
                .setParameter("taskId", task.id())
                .setMaxResults(limit)
                .getResultStream()
                .map(
                        run ->
                                new RunView(
                                        run.id(),
                                        run.instanceId(),
                                        run.status().name(),
                                        Utc.of(run.startedAt()),
                                        Utc.of(run.finishedAt()),
                                        run.finishedAt() == null
                                                ? null
                                                : seconds(run.startedAt(), run.finishedAt()),
                                        run.error()))
                .toList();
    }

    public List<InstanceView> instances() {
        OffsetDateTime now = databaseTime();
        Map<String, List<String>> running =
                entityManager
                        .createNamedQuery(Task.ALL, Task.class)
                        .getResultStream()
                        .filter(Task::running)
                        .collect(
                                Collectors.groupingBy(
                                        Task::runningInstance,
                                        Collectors.mapping(Task::name, Collectors.toList())));
        return entityManager
                .createNamedQuery(InstanceRecord.SEEN_SINCE, InstanceRecord.class)
                .setParameter("minusMillis", -RECENT.toMillis())
                .getResultStream()
                .map(
                        instance ->
                                new InstanceView(
                                        instance.id(),
                                        instance.host(),
                                        instance.httpPort(),
                                        status(instance, now),
                                        Utc.of(instance.startedAt()),
                                        Utc.of(instance.lastHeartbeat()),
                                        Utc.of(instance.stoppedAt()),
                                        running.getOrDefault(instance.id(), List.of())))
                .toList();
    }

    private TaskView view(Task task, OffsetDateTime now) {
        TaskStatus status =
                task.running()
                        ? TaskStatus.RUNNING
                        : task.nextRunAt().isAfter(now) ? TaskStatus.IDLE : TaskStatus.WAITING;
        LastRun lastRun =
                task.lastStatus() == null
                        ? null
                        : new LastRun(
                                task.lastStatus().name(),
                                task.lastInstance(),
                                Utc.of(task.lastFinishedAt()),
                                task.lastError());
        return new TaskView(
                task.name(),
                task.functionName(),
                task.interval().toString(),
                status,
                task.runningInstance(),
                task.running() ? Utc.of(task.startedAt()) : null,
                task.running() ? Duration.between(task.startedAt(), now).toSeconds() : null,
                Utc.of(task.nextRunAt()),
                lastRun);
    }

    private InstanceStatus status(InstanceRecord instance, OffsetDateTime now) {
        if (instance.stoppedAt() != null) {
            return InstanceStatus.STOPPED;
        }
        return instance.lastHeartbeat().isAfter(now.minus(settings.instanceTimeout()))
                ? InstanceStatus.LIVE
                : InstanceStatus.SILENT;
    }

    private OffsetDateTime databaseTime() {
        Object now = entityManager.createNamedQuery(Task.DATABASE_TIME).getSingleResult();
        return now instanceof Timestamp timestamp
                ? timestamp.toInstant().atOffset(ZoneOffset.UTC)
                : Utc.of((OffsetDateTime) now);
    }

    private static double seconds(OffsetDateTime from, OffsetDateTime to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}

package coffer.tasks.boundary;

import coffer.Utc;
import coffer.tasks.boundary.InstanceView.InstanceStatus;
import coffer.tasks.boundary.TaskView.LastRun;
import coffer.tasks.boundary.TaskView.Paused;
import coffer.tasks.boundary.TaskView.TaskStatus;
import coffer.tasks.control.InstanceNames;
import coffer.tasks.control.InstanceRegistry;
import coffer.tasks.control.Progress;
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
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    @Inject InstanceRegistry registry;

    public TasksOverview overview() {
        OffsetDateTime now = databaseTime();
        List<Task> tasks = entityManager.createNamedQuery(Task.ALL, Task.class).getResultList();
        List<TasksOverview.Pending> pending =
                tasks.stream()
                        .filter(task -> !task.running() && task.pausedAt() == null)
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
        Map<Long, TaskRun> current = currentRuns(tasks);
        InstanceNames names = namesIn(tasks);
        return new TasksOverview(
                now,
                settings.timeScale(),
                tasks.stream().map(task -> view(task, now, current, names)).toList(),
                pending);
    }

    /** One task as {@code GET /tasks} shows it. */
    public TaskView task(String taskName) {
        Task task = named(taskName);
        return view(task, databaseTime(), currentRuns(List.of(task)), namesIn(List.of(task)));
    }

    public List<RunView> history(String taskName, int limit) {
        Task task = named(taskName);
        List<TaskRun> runs =
                entityManager
                        .createNamedQuery(TaskRun.OF_TASK, TaskRun.class)
                        .setParameter("taskId", task.id())
                        .setMaxResults(limit)
                        .getResultList();
        InstanceNames names = registry.names(runs.stream().map(TaskRun::instanceId).toList());
        return runs.stream()
                .map(
                        run ->
                                new RunView(
                                        run.id(),
                                        names.of(run.instanceId()),
                                        run.status().name(),
                                        Utc.of(run.startedAt()),
                                        Utc.of(run.finishedAt()),
                                        run.finishedAt() == null
                                                ? null
                                                : seconds(run.startedAt(), run.finishedAt()),
                                        progress(run),
                                        run.operator(),
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
                                        instance.name(),
                                        instance.host(),
                                        instance.httpPort(),
                                        status(instance, now),
                                        Utc.of(instance.startedAt()),
                                        Utc.of(instance.lastHeartbeat()),
                                        Utc.of(instance.stoppedAt()),
                                        running.getOrDefault(instance.id(), List.of())))
                .toList();
    }

    private Task named(String taskName) {
        return entityManager
                .createNamedQuery(Task.BY_NAME, Task.class)
                .setParameter("name", taskName)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new TaskNotFound(taskName));
    }

    /** The history rows of the runs in progress, which hold their progress, by run id. */
    private Map<Long, TaskRun> currentRuns(List<Task> tasks) {
        List<Long> ids =
                tasks.stream()
                        .filter(Task::running)
                        .map(Task::currentRunId)
                        .filter(Objects::nonNull)
                        .toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return entityManager
                .createNamedQuery(TaskRun.WITH_IDS, TaskRun.class)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(TaskRun::id, Function.identity()));
    }

    /** The names of the instances that run the tasks or ran their last runs. */
    private InstanceNames namesIn(List<Task> tasks) {
        return registry.names(
                tasks.stream()
                        .flatMap(task -> Stream.of(task.runningInstance(), task.lastInstance()))
                        .toList());
    }

    private TaskView view(
            Task task, OffsetDateTime now, Map<Long, TaskRun> currentRuns, InstanceNames names) {
        TaskRun currentRun =
                task.currentRunId() == null ? null : currentRuns.get(task.currentRunId());
        TaskStatus status;
        if (task.running()) {
            status = TaskStatus.RUNNING;
        } else if (task.pausedAt() != null) {
            status = TaskStatus.PAUSED;
        } else {
            status = task.nextRunAt().isAfter(now) ? TaskStatus.IDLE : TaskStatus.WAITING;
        }
        LastRun lastRun =
                task.lastStatus() == null
                        ? null
                        : new LastRun(
                                task.lastStatus().name(),
                                names.of(task.lastInstance()),
                                Utc.of(task.lastFinishedAt()),
                                task.lastError());
        return new TaskView(
                task.name(),
                task.functionName(),
                task.interval().toString(),
                status,
                names.of(task.runningInstance()),
                task.running() ? Utc.of(task.startedAt()) : null,
                task.running() ? Duration.between(task.startedAt(), now).toSeconds() : null,
                currentRun == null ? null : progress(currentRun),
                Utc.of(task.nextRunAt()),
                task.pausedAt() == null
                        ? null
                        : new Paused(Utc.of(task.pausedAt()), task.pausedBy()),
                lastRun);
    }

    private static Progress progress(TaskRun run) {
        return run.progressStep() == null
                ? null
                : new Progress(run.progressStep(), run.progressSteps(), run.progressNote());
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

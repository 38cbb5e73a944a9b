package coffer.tasks.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code GET /tasks}: every task, and the ones not running in the order they run next. */
@JsonbPropertyOrder({"databaseTime", "timeScale", "tasks", "pending"})
public record TasksOverview(
        OffsetDateTime databaseTime,
        double timeScale,
        List<TaskView> tasks,
        List<Pending> pending) {

    /** A task that is not running, and when it runs next. */
    @JsonbPropertyOrder({"name", "nextRunAt", "dueInSeconds"})
    public record Pending(String name, OffsetDateTime nextRunAt, long dueInSeconds) {}
}

package coffer.tasks.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/** A task as {@code GET /tasks} shows it. */
@JsonbNillable
@JsonbPropertyOrder({
    "name",
    "function",
    "interval",
    "status",
    "runningInstance",
    "startedAt",
    "secondsSinceStart",
    "nextRunAt",
    "lastRun"
})
public record TaskView(
        String name,
        String function,
        String interval,
        TaskStatus status,
        String runningInstance,
        OffsetDateTime startedAt,
        Long secondsSinceStart,
        OffsetDateTime nextRunAt,
        LastRun lastRun) {

    /** RUNNING on an instance; WAITING: due, to be claimed within a tick; IDLE until next run. */
    public enum TaskStatus {
        RUNNING,
        WAITING,
        IDLE
    }

    /** The outcome of the task's last finished run; null before its first. */
    @JsonbNillable
    @JsonbPropertyOrder({"status", "instance", "finishedAt", "error"})
    public record LastRun(
            String status, String instance, OffsetDateTime finishedAt, String error) {}
}

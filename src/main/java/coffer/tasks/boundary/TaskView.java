package coffer.tasks.boundary;

import coffer.tasks.control.Progress;
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
    "progress",
    "nextRunAt",
    "paused",
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
        Progress progress,
        OffsetDateTime nextRunAt,
        Paused paused,
        LastRun lastRun) {

    /**
     * RUNNING on an instance (even if paused meanwhile: the run finishes); PAUSED: not claimed by
     * any instance until resumed; WAITING: due, to be claimed within a tick; IDLE until next run.
     */
    public enum TaskStatus {
        RUNNING,
        PAUSED,
        WAITING,
        IDLE
    }

    /** Who paused the task and when; null while it is not paused. */
    @JsonbPropertyOrder({"at", "by"})
    public record Paused(OffsetDateTime at, String by) {}

    /** The outcome of the task's last finished run; null before its first. */
    @JsonbNillable
    @JsonbPropertyOrder({"status", "instance", "finishedAt", "error"})
    public record LastRun(
            String status, String instance, OffsetDateTime finishedAt, String error) {}
}

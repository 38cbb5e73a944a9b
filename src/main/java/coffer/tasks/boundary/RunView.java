package coffer.tasks.boundary;

import coffer.tasks.control.Progress;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/**
 * One entry of a task's history, from {@code task_history}: a run, with how far it got, or an
 * operator's action (PAUSED, RESUMED, RUN_REQUESTED), with who took it on which instance.
 */
@JsonbNillable
@JsonbPropertyOrder({
    "runId",
    "instance",
    "status",
    "startedAt",
    "finishedAt",
    "durationSeconds",
    "progress",
    "operator",
    "error"
})
public record RunView(
        long runId,
        String instance,
        String status,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Double durationSeconds,
        Progress progress,
        String operator,
        String error) {}

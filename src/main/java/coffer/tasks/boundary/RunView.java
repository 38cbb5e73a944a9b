package coffer.tasks.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/** One run of a task, from {@code task_history}. */
@JsonbNillable
@JsonbPropertyOrder({
    "runId",
    "instance",
    "status",
    "startedAt",
    "finishedAt",
    "durationSeconds",
    "error"
})
public record RunView(
        long runId,
        String instance,
        String status,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Double durationSeconds,
        String error) {}

package coffer.jobs.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/** A job as {@code GET /jobs/{name}} shows it, with each attempt and how it ended. */
@JsonbNillable
@JsonbPropertyOrder({
    "name",
    "jobId",
    "state",
    "attempt",
    "maxAttempts",
    "lotsExpired",
    "amountExpired",
    "lastError",
    "queuedAt",
    "startedAt",
    "finishedAt",
    "nextAttemptAt",
    "attempts"
})
public record JobView(
        String name,
        long jobId,
        String state,
        int attempt,
        int maxAttempts,
        long lotsExpired,
        long amountExpired,
        String lastError,
        OffsetDateTime queuedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime nextAttemptAt,
        List<Attempt> attempts) {

    /** One attempt: where it ran and how it ended (null while it runs). */
    @JsonbNillable
    @JsonbPropertyOrder({"attempt", "instance", "startedAt", "finishedAt", "outcome", "error"})
    public record Attempt(
            int attempt,
            String instance,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            String outcome,
            String error) {}
}

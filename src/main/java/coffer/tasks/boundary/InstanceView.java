package coffer.tasks.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/** An instance that runs tasks, as {@code GET /instances} shows it. */
@JsonbNillable
@JsonbPropertyOrder({
    "id",
    "host",
    "httpPort",
    "status",
    "startedAt",
    "lastHeartbeat",
    "stoppedAt",
    "runningTasks"
})
public record InstanceView(
        String id,
        String host,
        int httpPort,
        InstanceStatus status,
        OffsetDateTime startedAt,
        OffsetDateTime lastHeartbeat,
        OffsetDateTime stoppedAt,
        List<String> runningTasks) {

    /** LIVE: heartbeat within the instance timeout; STOPPED: shut down; SILENT: neither. */
    public enum InstanceStatus {
        LIVE,
        STOPPED,
        SILENT
    }
}

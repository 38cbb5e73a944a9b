package coffer.tasks.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An instance that runs tasks, as {@code GET /instances} shows it: {@code id} is unique to one boot
 * of it, and what the task tables record; {@code name} is the name it was given.
 */
@JsonbNillable
@JsonbPropertyOrder({
    "id",
    "name",
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
        String name,
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

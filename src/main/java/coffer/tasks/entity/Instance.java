package coffer.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An instance of Coffer that runs tasks, and its heartbeat (database clock). */
@Entity
@Table(name = "instances")
@NamedQuery(name = Instance.REGISTER, query = """
        UPDATE Instance i SET i.host = :host, i.httpPort = :httpPort,
            i.startedAt = CURRENT_TIMESTAMP, i.lastHeartbeat = CURRENT_TIMESTAMP,
            i.stoppedAt = NULL
        WHERE i.id = :id""")
@NamedQuery(name = Instance.HEARTBEAT, query = """
        UPDATE Instance i SET i.lastHeartbeat = CURRENT_TIMESTAMP WHERE i.id = :id""")
@NamedQuery(name = Instance.STOP, query = """
        UPDATE Instance i SET i.stoppedAt = CURRENT_TIMESTAMP WHERE i.id = :id""")
@NamedQuery(name = Instance.LIVE, query = """
        SELECT i.id FROM Instance i
        WHERE i.stoppedAt IS NULL
            AND i.lastHeartbeat > FUNCTION('coffer_now_plus', :minusTimeoutMillis)""")
@NamedQuery(name = Instance.SEEN_SINCE, query = """
        SELECT i FROM Instance i
        WHERE i.lastHeartbeat > FUNCTION('coffer_now_plus', :minusMillis) ORDER BY i.id""")
public class Instance {

    /** Marks a (re)start of an instance already known; 0 rows: it is new. */
    public static final String REGISTER = "Instance.register";
    public static final String HEARTBEAT = "Instance.heartbeat";
    public static final String STOP = "Instance.stop";
    /** Ids of the instances that are running and have had a heartbeat within the timeout. */
    public static final String LIVE = "Instance.live";
    public static final String SEEN_SINCE = "Instance.seenSince";

    @Id
    private String id;

    private String host;

    @Column(name = "http_port")
    private int httpPort;

    @Column(name = "started_at", insertable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "last_heartbeat", insertable = false, updatable = false)
    private OffsetDateTime lastHeartbeat;

    @Column(name = "stopped_at")
    private OffsetDateTime stoppedAt;

    protected Instance() {
    }

    public Instance(String id, String host, int httpPort) {
        this.id = id;
        this.host = host;
        this.httpPort = httpPort;
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int httpPort() {
        return httpPort;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime lastHeartbeat() {
        return lastHeartbeat;
    }

    public OffsetDateTime stoppedAt() {
        return stoppedAt;
    }
}

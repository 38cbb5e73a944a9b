package coffer.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The row of an instance of Coffer that runs tasks, and its heartbeat (database clock). Not {@code
 * Instance}, which CDI's {@code jakarta.enterprise.inject.Instance} already is.
 */
@Entity
@Table(name = "instances")
@NamedQuery(
        name = InstanceRecord.REGISTER,
        query =
                """
        UPDATE InstanceRecord i SET i.name = :name, i.host = :host, i.httpPort = :httpPort,
            i.startedAt = CURRENT_TIMESTAMP, i.lastHeartbeat = CURRENT_TIMESTAMP,
            i.stoppedAt = NULL
        WHERE i.id = :id""")
@NamedQuery(
        name = InstanceRecord.HEARTBEAT,
        query =
                """
        UPDATE InstanceRecord i SET i.lastHeartbeat = CURRENT_TIMESTAMP WHERE i.id = :id""")
@NamedQuery(
        name = InstanceRecord.STOP,
        query =
                """
        UPDATE InstanceRecord i SET i.stoppedAt = CURRENT_TIMESTAMP WHERE i.id = :id""")
@NamedQuery(
        name = InstanceRecord.LIVE,
        query =
                """
        SELECT i.id FROM InstanceRecord i
        WHERE i.stoppedAt IS NULL
            AND i.lastHeartbeat > FUNCTION('coffer_now_plus', :minusTimeoutMillis)""")
@NamedQuery(
        name = InstanceRecord.SEEN_SINCE,
        query =
                """
        SELECT i FROM InstanceRecord i
        WHERE i.lastHeartbeat > FUNCTION('coffer_now_plus', :minusMillis) ORDER BY i.id""")
@NamedQuery(
        name = InstanceRecord.WITH_IDS,
        query = "SELECT i FROM InstanceRecord i WHERE i.id IN :ids")
public class InstanceRecord {

    /** Marks a (re)start of an instance already known; 0 rows: it is new (ids are per boot). */
    public static final String REGISTER = "InstanceRecord.register";

    public static final String HEARTBEAT = "InstanceRecord.heartbeat";
    public static final String STOP = "InstanceRecord.stop";

    /** Ids of the instances that are running and have had a heartbeat within the timeout. */
    public static final String LIVE = "InstanceRecord.live";

    public static final String SEEN_SINCE = "InstanceRecord.seenSince";

    /** The instances of these ids (never an empty list: SQL has no empty IN). */
    public static final String WITH_IDS = "InstanceRecord.withIds";

    /** Unique to one boot of an instance; its leases and history rows record it. */
    @Id private String id;

    /** The name the instance was given, for people; several boots may share it. */
    private String name;

    private String host;

    @Column(name = "http_port")
    private int httpPort;

    @Column(name = "started_at", insertable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "last_heartbeat", insertable = false, updatable = false)
    private OffsetDateTime lastHeartbeat;

    @Column(name = "stopped_at")
    private OffsetDateTime stoppedAt;

    protected InstanceRecord() {}

    public InstanceRecord(String id, String name, String host, int httpPort) {
        this.id = id;
        this.name = name;
        this.host = host;
        this.httpPort = httpPort;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
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

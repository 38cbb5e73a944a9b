package coffer.idempotency.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** A request made with an idempotency key, and the answer it got. */
@Entity
@Table(name = "idempotent_requests")
@IdClass(IdempotentRequest.Key.class)
@NamedNativeQuery(
        name = IdempotentRequest.CLAIM,
        query =
                """
        INSERT INTO idempotent_requests (scope, key, fingerprint) VALUES (?1, ?2, ?3)
        ON CONFLICT DO NOTHING""")
@NamedQuery(
        name = IdempotentRequest.FIND,
        query =
                """
        SELECT r FROM IdempotentRequest r WHERE r.scope = :scope AND r.key = :key""")
@NamedQuery(
        name = IdempotentRequest.ANSWER,
        query =
                """
        UPDATE IdempotentRequest r SET r.status = :status, r.body = :body, r.location = :location
        WHERE r.scope = :scope AND r.key = :key AND r.status IS NULL""")
@NamedQuery(
        name = IdempotentRequest.PURGE,
        query =
                """
        DELETE FROM IdempotentRequest r
        WHERE r.createdAt < FUNCTION('coffer_now_plus', :minusRetentionMillis)""")
public class IdempotentRequest {

    /**
     * Records a key for a request; 1 row: this request is the first with it. Native because JPQL
     * has no INSERT: a concurrent first request makes this wait for its transaction to end, then
     * report 0 rows, which is what lets a duplicate in flight wait instead of fail.
     */
    public static final String CLAIM = "IdempotentRequest.claim";

    public static final String FIND = "IdempotentRequest.find";

    /** Stores the answer of the request that claimed the key, in its own transaction. */
    public static final String ANSWER = "IdempotentRequest.answer";

    /** Forgets keys older than the retention. */
    public static final String PURGE = "IdempotentRequest.purge";

    @Id private long scope;

    @Id private String key;

    private String fingerprint;

    private Integer status;

    private String body;

    private String location;

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected IdempotentRequest() {}

    public String fingerprint() {
        return fingerprint;
    }

    /** The status it was answered, once answered. */
    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public String location() {
        return location;
    }

    /** The primary key: a key is unique within its scope. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private long scope;
        private String key;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && scope == that.scope && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(scope) * 31 + key.hashCode();
        }
    }
}

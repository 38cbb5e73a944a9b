package coffer.ledger.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;

/**
 * Which user an external id names: the one place an external id is unique, keyed by the id itself,
 * so that on a Citus cluster (where users are spread by their numbers) one shard decides it, and on
 * plain PostgreSQL one index does. Written in the transaction that opens the user, before the user;
 * never changed.
 */
@Entity
@Table(name = "external_ids")
@NamedNativeQuery(
        name = ExternalIdOwner.CLAIM,
        query =
                """
        INSERT INTO external_ids (external_id, user_id)
        VALUES (CAST(?1 AS uuid), nextval('users_id_seq'))
        ON CONFLICT DO NOTHING RETURNING user_id""")
@NamedNativeQuery(
        name = ExternalIdOwner.OWNER,
        query = "SELECT user_id FROM external_ids WHERE external_id = CAST(?1 AS uuid)")
public class ExternalIdOwner {

    /**
     * Claims an external id for a new user and hands out the user's number: a row with it, or no
     * row when another user has the id. A concurrent claim of the same id makes this wait for its
     * transaction to end, so of two users opened at once with one id, one is opened. Native,
     * because the JPA mapping knows no UUID type and a {@code persist} would fail on the key
     * instead of saying so.
     */
    public static final String CLAIM = "ExternalIdOwner.claim";

    /** The number of the user with an external id; no row, no such user. By the primary key. */
    public static final String OWNER = "ExternalIdOwner.owner";

    /** Only the named queries write it: the mapping knows no UUID type. */
    @Id
    @Column(name = "external_id")
    private String externalId;

    @Column(name = "user_id")
    private long userId;

    protected ExternalIdOwner() {}
}

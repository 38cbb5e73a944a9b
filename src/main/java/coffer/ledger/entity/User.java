package coffer.ledger.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A holder of a balance. Created through JPA; its balance is only ever changed in bulk, each
 * statement taking the row's lock first, so that all changes of one user (and of the user's accrual
 * lots, which are only touched after it) happen one after another.
 */
@Entity
@Table(name = "users")
@NamedQuery(
        name = User.CHANGE_BALANCE,
        query =
                """
        UPDATE User u SET u.balance = u.balance + :amount
        WHERE u.id = :id AND u.balance <= :highest AND u.balance - :expired >= :lowest
            AND u.lotRemaining <= :weighedLots""")
@NamedQuery(
        name = User.ACCRUE,
        query =
                """
        UPDATE User u SET u.balance = u.balance + :amount,
            u.lotRemaining = u.lotRemaining + :lot
        WHERE u.id = :id AND u.balance <= :highest""")
@NamedQuery(
        name = User.RELEASE_LOTS,
        query =
                """
        UPDATE User u SET u.lotRemaining = u.lotRemaining - :amount
        WHERE u.id = :id AND u.lotRemaining >= :amount""")
@NamedQuery(
        name = User.LOCK_LOTS,
        query =
                """
        UPDATE User u SET u.lotRemaining = u.lotRemaining
        WHERE u.id = :id AND u.lotRemaining > 0""")
@NamedQuery(
        name = User.WRITE_OFF,
        query =
                """
        UPDATE User u SET u.balance = u.balance - :amount,
            u.lotRemaining = u.lotRemaining - :amount
        WHERE u.id = :id AND u.balance >= :amount AND u.lotRemaining >= :amount""")
@NamedQuery(
        name = User.LOCK,
        query =
                """
        UPDATE User u SET u.balance = u.balance WHERE u.id = :id""")
@NamedQuery(
        name = User.STATE,
        query =
                """
        SELECT u.balance, u.lotRemaining, u.externalId FROM User u WHERE u.id = :id""")
@NamedNativeQuery(name = User.OPEN, query = "INSERT INTO users (balance) VALUES (?1) RETURNING id")
@NamedNativeQuery(
        name = User.OPEN_AS,
        query =
                """
        INSERT INTO users (id, balance, external_id) OVERRIDING SYSTEM VALUE
        VALUES (?1, ?2, CAST(?3 AS uuid))""")
public class User {

    /**
     * Adds {@code amount} if, and only if, the balance less {@code expired} (the points of expired
     * lots not written off yet) lies in the {@link BalanceRange} that admits it, and the user holds
     * no more in lots than {@code weighedLots}, the lots those expired points were read from: 1 row
     * updated means applied, 0 means unknown user, refused, or lots not weighed. With {@code
     * expired} and {@code weighedLots} 0 it decides alone for users without lots (the hot path, one
     * statement); for a user with lots, {@link coffer.ledger.control.Books} reads the expired
     * points under the row's lock first. The points are a parameter, not a function or a subquery
     * of this statement: Citus routes no modification whose WHERE calls a VOLATILE function, and
     * EclipseLink turns a subquery into a second read of the row, which loses PostgreSQL's re-check
     * of a waiting UPDATE against the committed balance.
     */
    public static final String CHANGE_BALANCE = "User.changeBalance";

    /** Credits an accrual; {@code lot} is its amount when it expires, 0 when it does not. */
    public static final String ACCRUE = "User.accrue";

    /** Lowers what is left in lots after a spend consumed from them. */
    public static final String RELEASE_LOTS = "User.releaseLots";

    /**
     * Takes the row's lock, and with it the right to read and write off the user's lots, for users
     * that have any; 0 rows: nothing to write off.
     */
    public static final String LOCK_LOTS = "User.lockLots";

    /** Takes written-off lots out of the balance; 0 rows would break the books. */
    public static final String WRITE_OFF = "User.writeOff";

    /**
     * Takes the row's lock and changes nothing: 1 row, locked; 0, no such user. What lets a change
     * of two balances lock them in a fixed order whatever the order of its changes.
     */
    public static final String LOCK = "User.lock";

    /** The balance, what is left in lots (expired or not) and the external id, in one read. */
    public static final String STATE = "User.state";

    /** Opens a user with a balance and no external id: its number. Native to read it back. */
    public static final String OPEN = "User.open";

    /**
     * Opens a user under the number its {@link ExternalIdOwner external id} was claimed with;
     * always 1 row. Native, because the JPA mapping knows no UUID type.
     */
    public static final String OPEN_AS = "User.openAs";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private long balance;

    @Column(name = "lot_remaining", nullable = false)
    private long lotRemaining;

    /** Read as text; only {@link #OPEN} writes it, once. */
    @Column(name = "external_id", insertable = false, updatable = false)
    private String externalId;

    protected User() {}
}

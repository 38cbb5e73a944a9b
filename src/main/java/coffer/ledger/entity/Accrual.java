package coffer.ledger.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * Points credited to a user. One with an expiry is a lot: {@code remaining} is what spends have
 * left of it, zeroed when the expire job writes it off. One without joins the balance for good.
 */
@Entity
@Table(name = "accruals")
@NamedNativeQuery(name = Accrual.IN_THE_FUTURE, query = "SELECT CAST(?1 AS timestamptz) > now()")
@NamedNativeQuery(
        name = Accrual.EXPIRED_REMAINING,
        query =
                """
        SELECT COALESCE(sum(remaining), 0) FROM accruals
        WHERE user_id = ?1 AND remaining > 0 AND expires_at <= now()""")
@NamedQuery(
        name = Accrual.LIVE_LOTS,
        query =
                """
        SELECT a FROM Accrual a
        WHERE a.userId = :userId AND a.remaining > 0 AND a.expiresAt > CURRENT_TIMESTAMP
        ORDER BY a.expiresAt, a.id""",
        hints = @QueryHint(name = "eclipselink.refresh", value = "true"))
@NamedQuery(
        name = Accrual.EXPIRED_LOTS,
        query =
                """
        SELECT a FROM Accrual a
        WHERE a.userId = :userId AND a.remaining > 0 AND a.expiresAt <= CURRENT_TIMESTAMP
        ORDER BY a.expiresAt, a.id""")
@NamedQuery(
        name = Accrual.CONSUME,
        query =
                """
        UPDATE Accrual a SET a.remaining = a.remaining - :amount
        WHERE a.userId = :userId AND a.id = :id AND a.remaining >= :amount""")
@NamedQuery(
        name = Accrual.WRITE_OFF,
        query =
                """
        UPDATE Accrual a SET a.remaining = 0, a.writtenOffAt = CURRENT_TIMESTAMP
        WHERE a.userId = :userId AND a.id = :id AND a.remaining = :remaining
            AND a.expiresAt <= CURRENT_TIMESTAMP""")
@NamedQuery(
        name = Accrual.USERS_TO_WRITE_OFF,
        query =
                """
        SELECT DISTINCT a.userId FROM Accrual a
        WHERE a.remaining > 0 AND a.expiresAt <= CURRENT_TIMESTAMP ORDER BY a.userId""")
public class Accrual {

    /** Whether a moment is still to come by the database clock, which decides expiry. */
    public static final String IN_THE_FUTURE = "Accrual.inTheFuture";

    /** What the user's expired lots still hold: not available, not yet written off. */
    public static final String EXPIRED_REMAINING = "Accrual.expiredRemaining";

    /**
     * The user's lots that have not expired and still hold points, soonest to expire first. Read
     * afresh even where the transaction holds them already: a batch of changes consumes lots by
     * bulk updates, which leave the managed copies of an earlier read stale.
     */
    public static final String LIVE_LOTS = "Accrual.liveLots";

    /** The user's lots past expiry that still hold points, to be written off. */
    public static final String EXPIRED_LOTS = "Accrual.expiredLots";

    /** Takes a spend's share out of a lot; 0 rows: the lot holds less than that. */
    public static final String CONSUME = "Accrual.consume";

    /** Zeroes an expired lot that still holds exactly what was read; 0 rows: it changed. */
    public static final String WRITE_OFF = "Accrual.writeOff";

    /** The users with points to write off. */
    public static final String USERS_TO_WRITE_OFF = "Accrual.usersToWriteOff";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id")
    private long userId;

    private long amount;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    private long remaining;

    @Column(name = "written_off_at")
    private OffsetDateTime writtenOffAt;

    protected Accrual() {}

    public Accrual(long userId, long amount, OffsetDateTime expiresAt) {
        this.userId = userId;
        this.amount = amount;
        this.expiresAt = expiresAt;
        this.remaining = expiresAt == null ? 0 : amount;
    }

    public long id() {
        return id;
    }

    public OffsetDateTime expiresAt() {
        return expiresAt;
    }

    public long remaining() {
        return remaining;
    }
}

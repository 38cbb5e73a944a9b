package coffer.ledger.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One change of a user's balance, never updated or deleted. */
@Entity
@Table(name = "ledger_entries")
@NamedQuery(
        name = LedgerEntry.OF_USER,
        query =
                """
        SELECT e FROM LedgerEntry e WHERE e.userId = :userId ORDER BY e.id DESC""")
public class LedgerEntry {

    /** A user's entries, newest first. */
    public static final String OF_USER = "LedgerEntry.ofUser";

    /** Ids handed out 50 at a time (the sequence's increment), so an entry costs one INSERT. */
    @Id
    @SequenceGenerator(
            name = "ledger_entries",
            sequenceName = "ledger_entries_id_seq",
            allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ledger_entries")
    private Long id;

    @Column(name = "user_id")
    private long userId;

    @Enumerated(EnumType.STRING)
    private EntryKind kind;

    private long amount;

    @Column(name = "balance_after")
    private long balanceAfter;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "accrual_id")
    private Long accrualId;

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected LedgerEntry() {}

    public LedgerEntry(
            long userId,
            EntryKind kind,
            long amount,
            long balanceAfter,
            String idempotencyKey,
            Long accrualId) {
        this.userId = userId;
        this.kind = kind;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.idempotencyKey = idempotencyKey;
        this.accrualId = accrualId;
    }

    public long id() {
        return id;
    }

    public EntryKind kind() {
        return kind;
    }

    public long amount() {
        return amount;
    }

    public long balanceAfter() {
        return balanceAfter;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Long accrualId() {
        return accrualId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}

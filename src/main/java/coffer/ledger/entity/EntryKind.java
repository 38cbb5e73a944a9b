package coffer.ledger.entity;

/** What kind of change a ledger entry records. */
public enum EntryKind {
    /** The balance a user was opened with. */
    OPENING,
    /** A credit through the balance API. */
    CREDIT,
    /** A debit through the balance API. */
    DEBIT,
    /** Points accrued, possibly expiring. */
    ACCRUAL,
    /** Points spent with an idempotency key. */
    SPEND,
    /** What remained of an expired lot, written off by the expire job. */
    EXPIRY,
    /** Coins an employee of the merch shop sent to another (negative). */
    TRANSFER_OUT,
    /** Coins an employee of the merch shop received from another. */
    TRANSFER_IN,
    /** Coins an employee of the merch shop paid for an item (negative). */
    PURCHASE
}

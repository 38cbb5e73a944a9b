package coffer.ledger.entity;

/**
 * The largest amount one request may move, credit or debit: beyond it, a typo, not a payment. Far
 * below the largest balance, so a few changes at the limit can never overflow a sum.
 */
public final class AmountLimit {

    public static final long MAX = 1_000_000_000_000L;

    private AmountLimit() {}
}

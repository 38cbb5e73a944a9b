package coffer.ledger.entity;

/**
 * The balances from which a change may be applied: a debit needs at least its amount (so the result
 * is not negative), a credit needs room below {@link #MAX_BALANCE} (so the result does not
 * overflow). Written as a range on the current balance rather than as {@code balance + amount >= 0}
 * so that the database never computes a sum that could overflow.
 */
public record BalanceRange(long lowest, long highest) {

    public static final long MAX_BALANCE = Long.MAX_VALUE;

    /**
     * The balances from which every one of the changes, applied in this order, is admitted: the
     * balance must cover the deepest dip the running sum makes (so no step goes below zero) and
     * leave room for its highest peak (so no step overflows). For one change: its own range.
     */
    public static BalanceRange admitting(long... amounts) {
        long running = 0;
        long deepest = 0;
        long highest = 0;
        for (long amount : amounts) {
            running += amount;
            deepest = Math.min(deepest, running);
            highest = Math.max(highest, running);
        }
        return new BalanceRange(-deepest, MAX_BALANCE - highest);
    }

    /** Whether a change may be applied from this balance. */
    public boolean admits(long balance) {
        return balance >= lowest && balance <= highest;
    }
}

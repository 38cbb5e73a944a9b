package coffer.ledger.entity;

/**
 * The balances from which a change may be applied: a debit needs at least its amount (so the
 * result is not negative), a credit needs room below {@link #MAX_BALANCE} (so the result does
 * not overflow). Written as a range on the current balance rather than as
 * {@code balance + amount >= 0} so that the database never computes a sum that could overflow.
 */
public record BalanceRange(long lowest, long highest) {

    public static final long MAX_BALANCE = Long.MAX_VALUE;

    public static BalanceRange admitting(long amount) {
        if (amount < 0) {
            return new BalanceRange(-amount, MAX_BALANCE);
        }
        return new BalanceRange(0, MAX_BALANCE - amount);
    }
}

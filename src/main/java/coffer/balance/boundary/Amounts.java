package coffer.balance.boundary;

import coffer.requests.boundary.LongRule;

/** The limits the API puts on the numbers clients send. */
final class Amounts {

    /** Largest amount one request may move: a typo, not a payment, beyond this. */
    static final long MAX_AMOUNT = 1_000_000_000_000L;
    static final long DEFAULT_OPENING_BALANCE = 10_000;

    static final LongRule AMOUNT = LongRule
            .between(-MAX_AMOUNT, MAX_AMOUNT, "a non-zero whole number from -" + MAX_AMOUNT
                    + " to " + MAX_AMOUNT + " (positive credits, negative debits)")
            .excluding(0);
    static final LongRule OPENING_BALANCE = LongRule.between(0, MAX_AMOUNT,
            "a whole number from 0 to " + MAX_AMOUNT);
    static final LongRule USER_ID = LongRule.between(1, Long.MAX_VALUE,
            "a positive whole number");

    private Amounts() {
    }
}

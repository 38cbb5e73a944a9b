package coffer.ledger.boundary;

import coffer.ledger.entity.AmountLimit;
import coffer.requests.boundary.LongRule;

/** The limits the API puts on the numbers clients send. */
public final class Amounts {

    public static final long DEFAULT_OPENING_BALANCE = 10_000;

    public static final LongRule AMOUNT =
            LongRule.between(
                            -AmountLimit.MAX,
                            AmountLimit.MAX,
                            "a non-zero whole number from -"
                                    + AmountLimit.MAX
                                    + " to "
                                    + AmountLimit.MAX
                                    + " (positive credits, negative debits)")
                    .excluding(0);
    public static final LongRule OPENING_BALANCE =
            LongRule.between(0, AmountLimit.MAX, "a whole number from 0 to " + AmountLimit.MAX);
    public static final LongRule USER_NUMBER =
            LongRule.between(1, Long.MAX_VALUE, "a positive whole number");
    public static final LongRule USER_ID =
            LongRule.between(
                    1,
                    Long.MAX_VALUE,
                    "a positive whole number or a UUID string (8-4-4-4-12 hex digits)");

    private Amounts() {}
}

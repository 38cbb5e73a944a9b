package coffer.requests.boundary;

import java.util.function.LongPredicate;

/** A constraint on a whole-number field, with the words that tell a client what it requires. */
public record LongRule(LongPredicate check, String requirement) {

    public static LongRule between(long min, long max, String requirement) {
        return new LongRule(value -> value >= min && value <= max, requirement);
    }

    public boolean test(long value) {
        return check.test(value);
    }

    /** The same rule, also refusing one value. */
    public LongRule excluding(long forbidden) {
        return new LongRule(value -> value != forbidden && check.test(value), requirement);
    }
}

package coffer.problems.entity;

import java.util.OptionalInt;

/**
 * More requests in progress than the instance admits: refused at once, before anything is done, so
 * that a burst past the bound costs the client a retry instead of a dropped connection or a wait
 * with no end in sight. {@code Retry-After} says when to retry: a second unless the refusal knows
 * how long the wait ahead is.
 */
public class ServiceOverloaded extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public ServiceOverloaded(String detail) {
        this(detail, 1);
    }

    public ServiceOverloaded(String detail, int retryAfterSeconds) {
        super(503, "overloaded", "Overloaded", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(retryAfterSeconds);
    }
}

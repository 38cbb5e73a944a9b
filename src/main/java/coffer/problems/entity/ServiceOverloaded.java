package coffer.problems.entity;

/**
 * More requests in progress than the instance admits: refused at once, before anything is done, so
 * that a burst past the bound costs the client a retry instead of a dropped connection or a wait
 * with no end in sight.
 */
public class ServiceOverloaded extends TemporarilyUnavailable {

    private static final long serialVersionUID = 1L;

    public ServiceOverloaded(String detail) {
        super("overloaded", "Overloaded", detail);
    }

    /** A refusal that knows the wait ahead: {@code Retry-After} says when to come back. */
    public ServiceOverloaded(String detail, int retryAfterSeconds) {
        super("overloaded", "Overloaded", detail, retryAfterSeconds);
    }
}

package coffer.problems.entity;

import java.util.OptionalInt;

/**
 * A 503 that passes: the client may send the request again after {@code Retry-After} seconds (one,
 * unless the refusal knows how long the wait ahead is). Each subclass says what became of the
 * request, which is what the client needs to retry it safely.
 */
public abstract class TemporarilyUnavailable extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    protected TemporarilyUnavailable(String type, String title, String detail) {
        this(type, title, detail, 1);
    }

    protected TemporarilyUnavailable(
            String type, String title, String detail, int retryAfterSeconds) {
        super(503, type, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(retryAfterSeconds);
    }
}

package coffer.problems.entity;

import java.util.OptionalInt;

/**
 * A 503 that passes: the client may send the request again after a second ({@code Retry-After: 1}).
 * Each subclass says what became of the request, which is what the client needs to retry it safely.
 */
public abstract class TemporarilyUnavailable extends ProblemException {

    private static final long serialVersionUID = 1L;

    protected TemporarilyUnavailable(String type, String title, String detail) {
        super(503, type, title, detail);
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(1);
    }
}

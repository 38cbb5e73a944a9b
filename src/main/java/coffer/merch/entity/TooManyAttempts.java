package coffer.merch.entity;

import coffer.problems.entity.ProblemException;
import java.util.OptionalInt;

/** Too many wrong passwords for one username within a minute: logins wait until it passes. */
public class TooManyAttempts extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public TooManyAttempts(int retryAfterSeconds) {
        super(
                429,
                "too-many-attempts",
                "Too many attempts",
                "too many wrong passwords for this"
                        + " username; try again in "
                        + retryAfterSeconds
                        + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(retryAfterSeconds);
    }
}

package coffer.merch.entity;

import coffer.problems.entity.ProblemException;
import java.util.OptionalInt;

/**
 * Too many wrong passwords within a minute, for one username from one address or from one address
 * over all usernames: logins wait until it passes.
 */
public class TooManyAttempts extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    /**
     * @param whose what was counted, e.g. {@code "from your address"}
     */
    public TooManyAttempts(String whose, int retryAfterSeconds) {
        super(
                429,
                "too-many-attempts",
                "Too many attempts",
                "too many wrong passwords " + whose + "; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(retryAfterSeconds);
    }
}

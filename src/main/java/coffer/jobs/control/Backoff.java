package coffer.jobs.control;

import java.time.Duration;
import java.util.Optional;

/** When to try a failed job again: 1 s after the first attempt, doubling, five attempts in all. */
public final class Backoff {

    public static final int MAX_ATTEMPTS = 5;
    private static final Duration FIRST = Duration.ofSeconds(1);

    private Backoff() {}

    /** The delay before the next attempt after this one failed; empty after the last. */
    public static Optional<Duration> after(int failedAttempt) {
        if (failedAttempt >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        return Optional.of(FIRST.multipliedBy(1L << (failedAttempt - 1)));
    }
}

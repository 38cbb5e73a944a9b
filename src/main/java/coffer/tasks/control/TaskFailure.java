package coffer.tasks.control;

import java.time.Duration;

/**
 * A run failed for a reason worth showing in the task's history, in words safe to show. It may ask
 * to be retried sooner than the task's next regular run.
 */
public class TaskFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryIn;

    public TaskFailure(String message) {
        this(message, null, null);
    }

    public TaskFailure(String message, Duration retryIn, Throwable cause) {
        super(message, cause);
        this.retryIn = retryIn;
    }

    /** When to run the task again, or {@code null} to keep its schedule. */
    public Duration retryIn() {
        return retryIn;
    }
}

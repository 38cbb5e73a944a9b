package coffer.tasks.control;

/**
 * What a task does, named by {@code tasks.function_name}. Implementations are CDI beans; they call
 * {@link RunContext#checkpoint} between steps, which keeps the lease alive and stops the run as
 * soon as the lease is lost or the instance shuts down. A step must be much shorter than the
 * lease's time to live.
 */
public interface TaskFunction {

    /** The name {@code tasks.function_name} refers to this function by. */
    String name();

    /**
     * Does the work. Throwing {@link TaskFailure} records its message as the run's error; anything
     * else is recorded as an unexpected failure and logged in full.
     */
    void run(RunContext run) throws InterruptedException;
}

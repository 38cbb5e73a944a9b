package coffer.tasks.entity;

/**
 * Where a run is, as recorded in {@code task_history}. Every status but RUNNING is final. The last
 * three are not runs but operators' actions, recorded in the same history.
 */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Its instance stopped renewing the lease (crashed, hung, cut off) and the lease expired. */
    ABANDONED,
    /** Its instance shut down gracefully while it ran; the task is due again at once. */
    INTERRUPTED,
    PAUSED,
    RESUMED,
    RUN_REQUESTED
}

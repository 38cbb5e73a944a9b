package coffer.jobs.entity;

/** Where a job is. IDLE only before the first job ever. */
public enum JobState {
    IDLE,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
}

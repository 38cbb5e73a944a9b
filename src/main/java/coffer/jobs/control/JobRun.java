package coffer.jobs.control;

/** The attempt of a job this instance is running. */
public record JobRun(String name, long jobId, int attempt) {}

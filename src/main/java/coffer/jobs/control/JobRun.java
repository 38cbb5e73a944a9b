package coffer.jobs.control;

import coffer.tasks.control.Lease;

/**
 * The attempt of a job this instance is running, under the lease of the task run that started it.
 * The attempt is the fencing token of the job's writes: once another run starts the next attempt,
 * this one's writes change nothing.
 */
public record JobRun(String name, long jobId, int attempt, Lease lease) {}

/**
 * Jobs: the machinery for work queued on demand (and by a schedule) that runs on exactly one
 * instance through a task's lease, with its state and every attempt on record. The work itself
 * belongs to the component whose data it keeps: the one job so far, expire-accruals, is the
 * ledger's ({@code coffer.ledger.control.ExpireAccruals}).
 *
 * <p>Rules: enqueueing while a job is queued or running returns that job, never a second one; a
 * failed attempt is retried with exponential backoff (1 s, 2 s, 4 s, 8 s) up to five attempts; a
 * job's work must be safe to repeat, since an attempt can fail half-way. The task that runs a job
 * is made due through {@link coffer.tasks.control.TaskTriggers}: only the tasks component writes
 * the tasks table.
 */
package coffer.jobs;

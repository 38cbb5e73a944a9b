/**
 * Jobs: work queued on demand (and by a schedule) that runs on exactly one instance through a
 * task's lease, with its state and every attempt on record. One job so far: expire-accruals,
 * which writes off what remains of expired lots.
 *
 * <p>Rules: enqueueing while a job is queued or running returns that job, never a second one;
 * a failed attempt is retried with exponential backoff (1 s, 2 s, 4 s, 8 s) up to five
 * attempts; a job's work must be safe to repeat, since an attempt can fail half-way.
 */
package coffer.jobs;

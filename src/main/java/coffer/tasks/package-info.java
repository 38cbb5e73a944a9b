/**
 * Recurring tasks, each run on exactly one instance of the cluster at a time, spread evenly,
 * surviving the crash of the instance that runs it.
 *
 * <p>Rules: a timer firing only proposes work; the database decides. An instance owns a run when
 * its conditional UPDATE of the task's row (the lease) reports one row; every lease statement
 * commits on its own ({@code REQUIRES_NEW}) and uses the database clock; no row lock is held while
 * a task runs. The owner renews the lease between steps and stops as soon as a renewal fails. See
 * {@link coffer.tasks.entity.Task} for the statements.
 */
package coffer.tasks;

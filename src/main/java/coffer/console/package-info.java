/**
 * The live console at {@code /console/}: a page for people running Coffer that shows the tasks, the
 * instances and the expire-accruals job as they change, and lets an operator run, pause and resume
 * tasks and queue the job again.
 *
 * <p>Rules: the page reads only what the API shows ({@code GET /tasks}, {@code /instances}, {@code
 * /jobs/expire-accruals}, pushed once a second over Server-Sent Events to whoever watches) and acts
 * only through the API's operator routes, with the token the person pastes in (a JWT with the
 * operator role; the read role is enough to watch): the console holds no state and no right of its
 * own.
 */
package coffer.console;

package coffer.tasks.control;

import java.time.Duration;

/**
 * A task that is due and not running, as read at the start of a tick; overdue when it has waited
 * longer than the claim grace period (by the database clock).
 */
public record DueTask(
        int id, String name, String functionName, Duration interval, boolean overdue) {

    /** The same task, to be claimed only by the instance it is assigned to. */
    public DueTask onTime() {
        return new DueTask(id, name, functionName, interval, false);
    }
}

package coffer.lifecycle.control;

/**
 * Fired once, on a managed thread, when the instance stops after its requests drained (or the grace
 * period ran out), while the database can still be reached: each component that holds work (balance
 * lanes, the scheduler) observes it and stops that work, answering what it must.
 */
public record Stopping() {}

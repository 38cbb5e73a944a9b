package coffer.tasks.boundary;

/**
 * Fired asynchronously by {@link TaskTimers} once a second, beside the scheduler's tick, for
 * whatever else an instance does every second (the console's push), so that the instance has one
 * timer and a slow observer never delays the scheduler.
 */
public record Tick() {}

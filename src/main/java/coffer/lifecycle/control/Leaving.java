package coffer.lifecycle.control;

/**
 * Fired once, asynchronously, the moment the instance is told to stop, as its readiness goes DOWN
 * and before any request is refused: work that answers no request (the scheduler's runs) stops now
 * and is handed on to other instances, while the requests are still served and drained.
 */
public record Leaving() {}

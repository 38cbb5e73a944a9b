package coffer.problems.entity;

/**
 * The instance is stopping: a request that arrives then, or a change that was admitted but never
 * started, is answered with this rather than left without an answer. Nothing was changed, so a
 * retry (which a load balancer sends to another instance) is always safe.
 */
public class ShuttingDown extends TemporarilyUnavailable {

    private static final long serialVersionUID = 1L;

    public ShuttingDown(String detail) {
        super("shutting-down", "Shutting down", detail);
    }
}

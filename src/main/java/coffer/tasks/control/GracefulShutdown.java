package coffer.tasks.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stops the scheduler while the database can still be reached, so that its runs are recorded
 * INTERRUPTED and their tasks handed on at once instead of after their leases expire.
 *
 * <p>Payara Micro closes the application's connection pool before it calls {@code @PreDestroy}, too
 * late to release leases. So the scheduler is stopped by a JVM shutdown hook, and Payara's own hook
 * is given a grace period ({@code fish.payara.shutdowngrace}, set by {@code --shutdowngrace}; 3 s
 * unless the operator chose one) during which the pool is still open. Without the scheduler, none
 * of this is needed.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final String PAYARA_SHUTDOWN_GRACE = "fish.payara.shutdowngrace";
    private static final String DEFAULT_GRACE_MILLIS = "3000";

    @Inject Scheduler scheduler;

    @Inject TaskSettings settings;

    private final Thread hook = new Thread(this::stop, "coffer-scheduler-shutdown");

    /** At deployment: stop the scheduler when the JVM exits. */
    public void install() {
        if (!settings.enabled()) {
            return;
        }
        if (System.getProperty(PAYARA_SHUTDOWN_GRACE) == null) {
            System.setProperty(PAYARA_SHUTDOWN_GRACE, DEFAULT_GRACE_MILLIS);
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** An undeploy without JVM exit: stop now, and the hook is no longer needed. */
    public void undeploy() {
        try {
            if (!Runtime.getRuntime().removeShutdownHook(hook)) {
                return;
            }
        } catch (IllegalStateException jvmShuttingDown) {
            return;
        }
        stop();
    }

    private void stop() {
        scheduler.stop();
    }
}

package coffer.tasks.boundary;

import coffer.tasks.control.Scheduler;
import coffer.tasks.control.TaskSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The once-a-second timer of every instance. Non-persistent: Payara Micro does not coordinate
 * persistent timers across a cluster, and none is needed, since a tick only proposes work and
 * the database decides who does it. No transaction around a tick: each lease statement commits
 * on its own.
 *
 * <p>Graceful shutdown: Payara Micro closes the application's connection pool before it calls
 * {@code @PreDestroy}, too late to release leases. So the scheduler is also stopped by a JVM
 * shutdown hook, and Payara's own hook is given a grace period
 * ({@code fish.payara.shutdowngrace}, set by {@code --shutdowngrace}; 3 s unless the operator
 * chose one) during which the pool is still open. Without the scheduler, none of this is needed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TaskTimers {

    private static final String PAYARA_SHUTDOWN_GRACE = "fish.payara.shutdowngrace";
    private static final String DEFAULT_GRACE_MILLIS = "3000";

    @Inject
    Scheduler scheduler;

    @Inject
    TaskSettings settings;

    private final Thread shutdownHook = new Thread(this::shutdown, "coffer-scheduler-shutdown");

    @PostConstruct
    void releaseLeasesOnShutdown() {
        if (!settings.enabled()) {
            return;
        }
        if (System.getProperty(PAYARA_SHUTDOWN_GRACE) == null) {
            System.setProperty(PAYARA_SHUTDOWN_GRACE, DEFAULT_GRACE_MILLIS);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, timezone = "UTC",
            info = "coffer scheduler tick")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        scheduler.tick();
    }

    /** An undeploy without JVM exit: stop here, and the hook is no longer needed. */
    @PreDestroy
    void undeploy() {
        try {
            if (!Runtime.getRuntime().removeShutdownHook(shutdownHook)) {
                return;
            }
        } catch (IllegalStateException jvmShuttingDown) {
            return;
        }
        shutdown();
    }

    private void shutdown() {
        scheduler.stop();
    }
}

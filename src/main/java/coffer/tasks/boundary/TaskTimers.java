package coffer.tasks.boundary;

import coffer.tasks.control.GracefulShutdown;
import coffer.tasks.control.Scheduler;
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
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * The once-a-second timer of every instance. Non-persistent: Payara Micro does not coordinate
 * persistent timers across a cluster, and none is needed, since a tick only proposes work and the
 * database decides who does it. No transaction around a tick: each lease statement commits on its
 * own. Each tick is also fired as a {@link Tick} event, asynchronously, for the instance's other
 * once-a-second work, whatever becomes of the scheduler's. Starting with the application, it also
 * arranges the graceful shutdown.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TaskTimers {

    @Inject Scheduler scheduler;

    @Inject GracefulShutdown shutdown;

    @Inject Event<Tick> ticks;

    @PostConstruct
    void releaseLeasesOnShutdown() {
        shutdown.install();
    }

    @Schedule(
            second = "*",
            minute = "*",
            hour = "*",
            persistent = false,
            timezone = "UTC",
            info = "coffer scheduler tick")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        ticks.fireAsync(new Tick());
        scheduler.tick();
    }

    @PreDestroy
    void undeploy() {
        shutdown.undeploy();
    }
}

package coffer.tasks.control;

import coffer.lifecycle.control.Stopping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Stops the scheduler when the instance stops, while the database can still be reached, so that its
 * runs are recorded INTERRUPTED and their tasks handed on at once instead of after their leases
 * expire. Payara Micro closes the application's connection pool before it calls {@code PreDestroy},
 * too late for that; {@code coffer.lifecycle} fires {@link Stopping} before.
 */
@ApplicationScoped
public class GracefulShutdown {

    @Inject Scheduler scheduler;

    void stop(@Observes Stopping stop) {
        scheduler.stop();
    }
}

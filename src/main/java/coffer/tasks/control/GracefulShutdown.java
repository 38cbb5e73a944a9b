package coffer.tasks.control;

import coffer.lifecycle.control.Leaving;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Stops the scheduler as soon as the instance is told to stop, while the database can still be
 * reached, so that its runs are recorded INTERRUPTED and their tasks handed on at once instead of
 * after their leases expire, or after the requests drained. Payara Micro closes the application's
 * connection pool before it calls {@code PreDestroy}, too late for that; {@code coffer.lifecycle}
 * fires {@link Leaving} first thing.
 */
@ApplicationScoped
public class GracefulShutdown {

    @Inject Scheduler scheduler;

    void stop(@ObservesAsync Leaving leaving) {
        scheduler.stop();
    }
}

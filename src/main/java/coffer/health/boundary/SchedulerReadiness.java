package coffer.health.boundary;

import coffer.tasks.control.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * This instance's part in running the tasks: its id, the scheduler's state and the runs it has in
 * progress. DOWN when the scheduler has not completed a tick for half a minute, or is stopping, so
 * a load balancer stops sending traffic to an instance on its way out.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadiness implements HealthCheck {

    @Inject Scheduler scheduler;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("scheduler")
                        .status(scheduler.healthy())
                        .withData("instance", scheduler.instanceId())
                        .withData("state", scheduler.state().name())
                        .withData("runningTasks", String.join(",", scheduler.runningTasks()));
        Instant lastTick = scheduler.lastTick();
        if (lastTick != null) {
            response.withData("lastTick", lastTick.toString());
        }
        if (scheduler.lastTickFailure() != null) {
            response.withData("lastTickFailure", scheduler.lastTickFailure());
        }
        return response.build();
    }
}

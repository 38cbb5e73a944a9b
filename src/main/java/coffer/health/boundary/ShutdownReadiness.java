package coffer.health.boundary;

import coffer.lifecycle.control.Draining;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN from the moment the instance is told to stop, before it refuses any request, so a load
 * balancer that polls readiness stops routing here while requests are still served.
 */
@Readiness
@ApplicationScoped
public class ShutdownReadiness implements HealthCheck {

    @Inject Draining draining;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown")
                .status(draining.ready())
                .withData("phase", draining.phase().name())
                .build();
    }
}

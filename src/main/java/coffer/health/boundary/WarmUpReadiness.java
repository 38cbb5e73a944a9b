package coffer.health.boundary;

import coffer.warmup.control.Progress;
import coffer.warmup.control.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the warm-up runs, so that a load balancer sends the first burst to an instance whose
 * request paths are compiled, not to one that would let most of it time out; UP once it is done or
 * when it was skipped. Shows its phase, the time it is given and its requests' answers by status.
 */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    @Inject WarmUp warmUp;

    @Override
    public HealthCheckResponse call() {
        Progress progress = warmUp.progress();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("warm-up")
                        .status(progress.phase().lets())
                        .withData("state", progress.phase().name().toLowerCase(Locale.ROOT))
                        .withData("duration", progress.duration().toString())
                        .withData("requests", progress.requests())
                        .withData("answers", progress.answers());
        if (!progress.note().isEmpty()) {
            response.withData("note", progress.note());
        }
        return response.build();
    }
}

package coffer.idempotency.control;

import coffer.tasks.control.RunContext;
import coffer.tasks.control.TaskFunction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The PurgeIdempotencyKeys task: forgets keys older than {@code idempotency.retention} (default 24
 * hours). A retry after that is a new request.
 */
@ApplicationScoped
public class KeyPurge implements TaskFunction {

    @Inject KeyRetention retention;

    @Inject
    @ConfigProperty(name = "idempotency.retention", defaultValue = "PT24H")
    Duration keptFor;

    @Override
    public String name() {
        return "purge-idempotency-keys";
    }

    @Override
    public void run(RunContext run) throws InterruptedException {
        int purged = retention.purgeOlderThan(keptFor, run.lease());
        run.checkpoint(purged + " keys older than " + keptFor + " purged");
    }
}

package coffer.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A new instance warms up before it reports ready, and its warm-up reaches the money routes: with
 * authentication on, through the token it signs for itself ({@code WarmUpPass}), not stopped at the
 * token check. Readiness says the warm-up is done; its requests were answered 200 and none 401 or
 * 403 (the shop is not configured here, so no forged shop token is sent); the books add up.
 */
class WarmUpSystemIT {

    private static final Path OUTPUT = Path.of("target", "warm-up");

    @Test
    void aNewInstanceIsReadyOnlyOnceItsWarmUpHasReachedTheMoneyRoutes() throws Exception {
        Files.createDirectories(OUTPUT);
        Database database = PostgresServer.forTests().freshDatabase("coffer_warm_up");
        PayaraMicroProcess coffer =
                PayaraMicroProcess.builder(18_720)
                        .database(database)
                        .warmingUp()
                        .environment("WARMUP_DURATION", "PT5S")
                        .environment("TASKS_ENABLED", "false")
                        .log(OUTPUT.resolve("coffer.log"))
                        .start();
        try {
            coffer.awaitReady(Duration.ofMinutes(8));

            String readiness = new Api(coffer.baseUri()).get("/health/ready").body();
            assertThat(readiness)
                    .contains("\"name\":\"warm-up\"", "\"state\":\"done\"", "200=")
                    .doesNotContain("401=", "403=");
            BooksInvariant.assertHolds(database);
        } finally {
            coffer.stop();
        }
    }
}

package coffer.access;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.DevServer;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox switch on real Payara Micro processes: with {@code AUTH_SANDBOX=true} and the HTTP
 * listener on every interface (Payara's default), Coffer does not deploy and says why; with the
 * listener on loopback it deploys, says plainly that nothing is authenticated, and serves the money
 * routes without a token.
 */
class SandboxSystemIT {

    private static final Path OUTPUT = Path.of("target", "sandbox");
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static Database database;

    private PayaraMicroProcess coffer;

    @BeforeAll
    static void database() throws IOException {
        Files.createDirectories(OUTPUT);
        database = PostgresServer.forTests().freshDatabase("coffer_sandbox");
    }

    @AfterEach
    void stop() {
        if (coffer != null) {
            coffer.stop();
        }
    }

    @Test
    void theSandboxDoesNotStartWithAListenerOnEveryInterface() throws Exception {
        Path log = OUTPUT.resolve("exposed.log");
        coffer = sandbox(18_710, log).start();

        awaitLine(log, "AUTH_SANDBOX=true but an HTTP listener is bound to 0.0.0.0");

        assertThat(Files.readString(log)).doesNotContain("NO AUTHENTICATION");
        assertThat(new Api(coffer.baseUri()).as(null).get("/balance/1").status()).isEqualTo(404);
    }

    @Test
    void theSandboxOnLoopbackOpensEveryRouteAndSaysSo() throws Exception {
        Path log = OUTPUT.resolve("loopback.log");
        coffer =
                sandbox(18_711, log)
                        .microOption("--prebootcommandfile", DevServer.LOOPBACK_ONLY)
                        .start()
                        .awaitReady(PATIENCE);
        Api anonymous = new Api(coffer.baseUri()).as(null);

        long user = anonymous.openUser(100);
        assertThat(
                        anonymous
                                .post(
                                        "/balance/update",
                                        "{\"userId\": " + user + ", \"amount\": -1}")
                                .status())
                .isEqualTo(200);
        assertThat(
                        anonymous
                                .post("/tasks/TestTask1/pause", "")
                                .json()
                                .getJsonObject("paused")
                                .getString("by"))
                .isEqualTo("sandbox");
        assertThat(Files.readString(log))
                .contains("AUTH_SANDBOX=true: NO AUTHENTICATION")
                .contains("(127.0.0.1)");
    }

    private static PayaraMicroProcess.Builder sandbox(int port, Path log) {
        return PayaraMicroProcess.builder(port)
                .database(database)
                .environment("AUTH_SANDBOX", "true")
                .environment("TASKS_ENABLED", "false")
                .log(log);
    }

    private static void awaitLine(Path log, String line) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!Files.exists(log) || !Files.readString(log).contains(line)) {
            assertThat(Instant.now()).as("waited for: " + line).isBefore(deadline);
            Thread.sleep(500);
        }
    }
}

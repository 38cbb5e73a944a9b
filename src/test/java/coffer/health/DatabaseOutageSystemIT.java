package coffer.health;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coffer with its own PostgreSQL, which the test stops and starts: while the database is away,
 * Coffer answers 503 (not ready, still live) and changes nothing; when it is back, Coffer carries
 * on without a restart and without losing or repeating a change.
 */
class DatabaseOutageSystemIT {

    private static final Path OUTPUT = Path.of("target", "outage");

    private final int databasePort = freePort();
    private final Path data = OUTPUT.resolve("pgdata-" + databasePort);
    private PostgresServer postgres;
    private PayaraMicroProcess coffer;

    @Test
    void answers503WhileTheDatabaseIsAwayAndRecoversWithoutARestart() throws Exception {
        Files.createDirectories(OUTPUT);
        startDatabase();
        coffer =
                PayaraMicroProcess.builder(18_390)
                        .database(
                                new Database(
                                        "jdbc:postgresql://localhost:" + databasePort + "/coffer",
                                        "postgres",
                                        "postgres"))
                        .environment("TASKS_ENABLED", "false")
                        .log(OUTPUT.resolve("payara.log"))
                        .start();
        coffer.awaitReady(Duration.ofMinutes(3));
        Api api = new Api(coffer.baseUri());
        long user = api.openUser(1_000);
        assertThat(api.post("/balance/update", debit(user, 100)).status()).isEqualTo(200);

        postgres.stop();
        Reply during =
                awaitReply(
                        api,
                        "/balance/" + user,
                        reply -> reply.status() == 503,
                        Duration.ofSeconds(30));
        assertThat(during.problemType()).isEqualTo("service-unavailable");
        Reply refusedChange = api.post("/balance/update", debit(user, 100));
        assertThat(refusedChange.status()).isEqualTo(503);
        assertThat(refusedChange.contentType()).startsWith("application/problem+json");
        assertThat(refusedChange.body()).doesNotContain("Exception", "SQL", "org.", "java.");
        Reply readiness = api.get("/health/ready");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"database\"");
        assertThat(api.get("/health/live").status())
                .as("alive: a restart would not help")
                .isEqualTo(200);

        startDatabase();
        coffer.awaitReady(Duration.ofSeconds(60));
        awaitReply(api, "/balance/" + user, reply -> reply.status() == 200, Duration.ofSeconds(30));
        assertThat(api.balanceOf(user))
                .as("the change refused during the outage was not applied")
                .isEqualTo(900);
        assertThat(api.post("/balance/update", debit(user, 100)).status()).isEqualTo(200);
        assertThat(api.balanceOf(user)).isEqualTo(800);
    }

    @AfterEach
    void stopEverything() {
        if (coffer != null) {
            coffer.kill();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    private void startDatabase() {
        postgres = PostgresServer.durable(data, databasePort);
        postgres.createIfMissing("coffer");
    }

    private static Reply awaitReply(
            Api api, String path, Predicate<Reply> expected, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Reply reply = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                reply = api.get(path);
                if (expected.test(reply)) {
                    return reply;
                }
            } catch (RuntimeException notListeningYet) {
                reply = null;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                path + " did not answer as expected within " + timeout + "; last answer: " + reply);
    }

    private static String debit(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": " + -amount + "}";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }
}

package coffer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.Expiry;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expire-accruals job on a cluster of two instances sharing one database: queued from either,
 * run on one, writing off what remains of expired lots exactly once, retried after failures, and
 * raced by spends without the books ever being off.
 */
class ExpireAccrualsSystemIT {

    private static final Path OUTPUT = Path.of("target", "expire-job");
    private static final String MEMBERS = "127.0.0.1:16970,127.0.0.1:16971";

    private final Database database = PostgresServer.forTests().freshDatabase("coffer_jobs");
    private final Expiry expiry = new Expiry(database);
    private final List<PayaraMicroProcess> nodes = new ArrayList<>();
    private Api one;
    private Api two;

    @BeforeEach
    void startTwoInstances() throws Exception {
        Files.createDirectories(OUTPUT);
        for (int n = 0; n < 2; n++) {
            nodes.add(
                    PayaraMicroProcess.builder(18_291 + n)
                            .database(database)
                            .cluster("job-node-" + (n + 1), MEMBERS)
                            .microOption("--startport", Integer.toString(16_970 + n))
                            .microOption("--interfaces", "127.0.0.1")
                            .jvmOption("-Xmx384m")
                            .environment("TASKS_LEASE_TTL", "PT10S")
                            // The racing spends queue on the pool; a loaded machine must not turn
                            // the
                            // wait into a 503 where the test counts exact outcomes.
                            .environment("DB_POOL_MAX_WAIT_MILLIS", "120000")
                            .log(OUTPUT.resolve("job-node-" + (n + 1) + ".log"))
                            .start());
        }
        nodes.forEach(node -> node.awaitReady(Duration.ofMinutes(4)));
        one = new Api(nodes.get(0).baseUri());
        two = new Api(nodes.get(1).baseUri());
        awaitJob(
                one,
                job ->
                        !job.getString("state").equals("RUNNING")
                                && !job.getString("state").equals("QUEUED"));
    }

    @AfterEach
    void stopInstances() {
        nodes.forEach(PayaraMicroProcess::kill);
    }

    @Test
    void writesOffWhatRemainsOnceRetriesFailuresAndSurvivesRacingSpends() throws Exception {
        writesOffOnlyWhatRemainsAndOnlyOnce();
        retriesAFailedAttemptWithBackoff();
        spendsRacingTheJobNeverUseExpiredPoints();
        runsOnOneInstanceAtATime();
    }

    private void writesOffOnlyWhatRemainsAndOnlyOnce() throws Exception {
        long[] users = LongStream.range(0, 20).map(i -> one.openUser(100)).toArray();
        long[] expiring = new long[users.length];
        for (int i = 0; i < users.length; i++) {
            expiring[i] = accrue(one, users[i], 50, expiry.later());
            accrue(one, users[i], 30, expiry.later().plusSeconds(3_600));
            if (i > 0) {
                assertThat(spend(one, users[i], i, "partly-" + i).status()).isEqualTo(200);
            }
        }
        expiry.expireNow(expiring);

        // Paused, the task leaves the job queued, so the second request meets it queued however
        // late it arrives: otherwise a job done before the slower request landed would rightly
        // make that request queue a second one.
        assertThat(one.post("/tasks/ExpireAccruals/pause", "").status()).isEqualTo(200);
        CompletableFuture<JsonObject> fromOne = CompletableFuture.supplyAsync(() -> enqueue(one));
        CompletableFuture<JsonObject> fromTwo = CompletableFuture.supplyAsync(() -> enqueue(two));
        long jobId = fromOne.join().getJsonNumber("jobId").longValue();
        assertThat(fromTwo.join().getJsonNumber("jobId").longValue())
                .as("queued twice at once: one job")
                .isEqualTo(jobId);
        assertThat(two.post("/tasks/ExpireAccruals/resume", "").status()).isEqualTo(200);
        JsonObject done = awaitJob(one, job -> job.getString("state").equals("SUCCEEDED"));

        long written = IntStream.range(0, 20).mapToLong(i -> 50 - i).sum();
        assertThat(done.getJsonNumber("jobId").longValue()).isEqualTo(jobId);
        assertThat(done.getJsonNumber("lotsExpired").longValue()).isEqualTo(20);
        assertThat(done.getJsonNumber("amountExpired").longValue()).isEqualTo(written);
        assertThat(expiryEntries()).isEqualTo(20);
        assertThat(
                        database.queryLong(
                                "SELECT -sum(amount) FROM ledger_entries"
                                        + " WHERE kind = 'EXPIRY'"))
                .as("only what remained")
                .isEqualTo(written);
        for (long user : users) {
            assertThat(one.balanceOf(user))
                    .as(
                            "100 + 30 left whatever was spent from the expired 50: spent points"
                                    + " are not taken twice")
                    .isEqualTo(130);
        }

        JsonObject again = enqueue(two);
        assertThat(again.getJsonNumber("jobId").longValue()).isGreaterThan(jobId);
        awaitJob(
                one,
                job ->
                        job.getString("state").equals("SUCCEEDED")
                                && job.getJsonNumber("jobId").longValue() > jobId);
        assertThat(expiryEntries()).as("running again writes nothing new").isEqualTo(20);
        BooksInvariant.assertHolds(database);
    }

    private void retriesAFailedAttemptWithBackoff() throws Exception {
        sql(
                "CREATE SEQUENCE injected_failures",
                """
                CREATE FUNCTION fail_first_write_offs() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.remaining = 0 AND OLD.remaining > 0
                            AND nextval('injected_failures') <= 2 THEN
                        RAISE EXCEPTION 'injected failure';
                    END IF;
                    RETURN NEW;
                END $$""",
                "CREATE TRIGGER fail_first_write_offs BEFORE UPDATE ON accruals FOR EACH ROW"
                        + " WHEN (NEW.written_off_at IS NOT NULL)"
                        + " EXECUTE FUNCTION fail_first_write_offs()");
        long user = one.openUser(0);
        expiry.expireNow(accrue(one, user, 70, expiry.later()));

        long jobId = enqueue(one).getJsonNumber("jobId").longValue();
        JsonObject done =
                awaitJob(
                        two,
                        job ->
                                job.getJsonNumber("jobId").longValue() == jobId
                                        && job.getString("state").equals("SUCCEEDED"));
        sql("DROP TRIGGER fail_first_write_offs ON accruals");

        List<JsonObject> attempts =
                done.getJsonArray("attempts").stream().map(JsonValue::asJsonObject).toList();
        assertThat(attempts)
                .extracting(attempt -> attempt.getString("outcome"))
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(attempts.get(0).getString("error"))
                .contains("SQLSTATE P0001")
                .doesNotContain("injected", "UPDATE", "Exception");
        assertThat(gap(attempts.get(0), attempts.get(1)))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(gap(attempts.get(1), attempts.get(2)))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(done.getInt("attempt")).isEqualTo(3);
        assertThat(done.getJsonNumber("amountExpired").longValue()).isEqualTo(70);
        assertThat(one.balanceOf(user)).isZero();
        BooksInvariant.assertHolds(database);
    }

    private void spendsRacingTheJobNeverUseExpiredPoints() throws Exception {
        long[] users = LongStream.range(0, 10).map(i -> one.openUser(100)).toArray();
        expiry.expireNow(
                LongStream.of(users).map(user -> accrue(one, user, 100, expiry.later())).toArray());

        List<CompletableFuture<Reply>> spends = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (long user : users) {
                Api api = round % 2 == 0 ? one : two;
                spends.add(
                        api.postAsync(
                                "/users/" + user + "/spend",
                                "{\"amount\": 10, \"requestId\": \"race-" + round + "\"}"));
            }
            if (round % 5 == 0) {
                enqueue(round % 2 == 0 ? two : one);
            }
        }
        List<Reply> replies = spends.stream().map(CompletableFuture::join).toList();
        awaitJob(one, job -> job.getString("state").equals("SUCCEEDED"));
        enqueue(one);
        awaitJob(one, job -> job.getString("state").equals("SUCCEEDED"));

        assertThat(replies)
                .filteredOn(reply -> reply.status() == 200)
                .as("10 spends of 10 from the 100 that never expire, per user")
                .hasSize(100);
        assertThat(replies).filteredOn(reply -> reply.status() == 400).hasSize(100);
        for (long user : users) {
            assertThat(one.balanceOf(user)).isZero();
            assertThat(database.queryLong("SELECT balance FROM users WHERE id = ?", user))
                    .as("the expired 100 written off")
                    .isZero();
        }
        BooksInvariant.assertHolds(database);
    }

    private void runsOnOneInstanceAtATime() {
        assertThat(
                        database.queryLong(
                                """
                SELECT count(*) FROM task_history a JOIN task_history b
                  ON a.task_id = b.task_id AND a.id < b.id
                 AND a.started_at < coalesce(b.finished_at, now())
                 AND b.started_at < coalesce(a.finished_at, now())
                JOIN tasks t ON t.id = a.task_id WHERE t.name = 'ExpireAccruals'"""))
                .isZero();
        assertThat(database.queryLong("SELECT count(DISTINCT instance_id) FROM job_attempts"))
                .isPositive();
    }

    private JsonObject enqueue(Api api) {
        Reply reply = api.post("/jobs/expire-accruals", "");
        assertThat(reply.status()).isEqualTo(202);
        return reply.json();
    }

    private static JsonObject awaitJob(Api api, Predicate<JsonObject> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonObject job = null;
        while (Instant.now().isBefore(deadline)) {
            job = api.get("/jobs/expire-accruals").json();
            if (done.test(job)) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The job did not get there within two minutes: " + job);
    }

    /** Accrues a lot and answers its accrual id. */
    private static long accrue(Api api, long user, long amount, Instant expiresAt) {
        Reply reply =
                api.post(
                        "/users/" + user + "/accruals",
                        "{\"amount\": " + amount + ", \"expiresAt\": \"" + expiresAt + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().getJsonNumber("accrualId").longValue();
    }

    private static Reply spend(Api api, long user, long amount, String key) {
        return api.post(
                "/users/" + user + "/spend",
                "{\"amount\": " + amount + ", \"requestId\": \"" + key + "\"}");
    }

    private long expiryEntries() {
        return database.queryLong("SELECT count(*) FROM ledger_entries WHERE kind = 'EXPIRY'");
    }

    private static Duration gap(JsonObject earlier, JsonObject later) {
        return Duration.between(
                Instant.parse(earlier.getString("finishedAt")),
                Instant.parse(later.getString("startedAt")));
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

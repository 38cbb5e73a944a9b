package coffer.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.CitusCluster;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.Shoppers;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coffer on a Citus cluster, a coordinator and two workers: it lays its tables out by itself after
 * migrating (the database has the extension), and every route stays exact, including the changes
 * that span two workers (two-phase commit). Skipped, saying why, only where Citus is not installed;
 * {@code .ci/run} installs it.
 */
class CitusSystemIT {

    private static final Path OUTPUT = Path.of("target", "citus");
    private static final int COORDINATOR = 19_010;

    private static CitusCluster cluster;
    private static Database database;
    private static PayaraMicroProcess coffer;
    private static Api api;

    @BeforeAll
    static void startCofferOnACitusCluster() throws Exception {
        String missing = CitusCluster.whyNotInstalled();
        assumeTrue(missing == null, () -> "Citus system test skipped: " + missing);
        Files.createDirectories(OUTPUT);
        cluster = CitusCluster.start(COORDINATOR, 19_011, 19_012);
        database = cluster.database();
        coffer =
                PayaraMicroProcess.builder(18_910)
                        .database(database)
                        .environment("DB_POOL_MAX_WAIT_MILLIS", "120000")
                        .environment(
                                "MERCH_JWT_KEY_FILE", OUTPUT.resolve("merch-jwt.key").toString())
                        .environment("MERCH_PASSWORD_COST", "4")
                        .log(OUTPUT.resolve("payara.log"))
                        .start()
                        .awaitReady(Duration.ofMinutes(4));
        api = new Api(coffer.baseUri());
    }

    @AfterAll
    static void stop() throws Exception {
        if (coffer != null) {
            coffer.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theTablesAreLaidOutByUserWithEmployeesOnEveryNodeAndTheSchedulerLocal() {
        assertThat(placement("users")).isEqualTo("distributed, group of users");
        for (String table :
                List.of(
                        "accruals",
                        "ledger_entries",
                        "inventory",
                        "transfer_totals",
                        "idempotent_requests")) {
            assertThat(placement(table)).as(table).isEqualTo("distributed, group of users");
        }
        assertThat(placement("external_ids")).isEqualTo("distributed, group of its own");
        assertThat(placement("employees")).isEqualTo("reference");
        for (String table : List.of("tasks", "task_history", "instances", "jobs", "job_attempts")) {
            assertThat(placement(table)).as(table).isEqualTo("local");
        }
    }

    /** The migrations' own rows (user 1 and its opening entry) were there before the layout. */
    @Test
    void theRowsMadeBeforeTheLayoutMovedToTheShardsAndLeftNoLocalCopy() {
        assertThat(api.balanceOf(1)).isEqualTo(10_000);
        assertThat(entries(1, "OPENING")).isEqualTo(1);
        for (String table : List.of("users", "ledger_entries")) {
            assertThat(database.queryLong("SELECT pg_relation_size(?::regclass)", table))
                    .as("bytes of %s's local copy on the coordinator", table)
                    .isZero();
        }
    }

    @Test
    void tenThousandDebitsOfTwoFromTenThousandAreExact() {
        long user = api.openUser(10_000);

        Load.Result result =
                new Load(coffer.baseUri(), "balance/update")
                        .closedLoop(10_000, 64, i -> "{\"userId\": " + user + ", \"amount\": -2}");

        System.out.println(
                "Citus, reference test: "
                        + result.byStatus()
                        + " in %.1f s".formatted(result.elapsedSeconds()));
        assertThat(result.byStatus()).isEqualTo(Map.of(200, 5_000L, 400, 5_000L));
        assertThat(api.balanceOf(user)).isZero();
        assertThat(entries(user, "DEBIT")).isEqualTo(5_000);
        assertBooksOf(user);
    }

    @Test
    void aReplayedChangeIsAnsweredAgainAndAppliedOnce() {
        long user = api.openUser(100);
        String change = "{\"userId\": " + user + ", \"amount\": -30}";

        Reply first = api.post("/balance/update", change, "replayed-debit");
        Reply again = api.post("/balance/update", change, "replayed-debit");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(api.balanceOf(user)).isEqualTo(70);
        assertThat(entries(user, "DEBIT")).isEqualTo(1);
    }

    @Test
    void oneExternalIdOpensOneUserAcrossTheClusterHoweverManyAskAtOnce() {
        String uuid = UUID.randomUUID().toString();
        List<CompletableFuture<Reply>> openings =
                IntStream.range(0, 6)
                        .mapToObj(
                                i ->
                                        api.postAsync(
                                                "/users",
                                                "{\"id\": \"" + uuid + "\", \"balance\": 5}"))
                        .toList();

        List<Integer> statuses = openings.stream().map(f -> f.join().status()).sorted().toList();

        assertThat(statuses).containsExactly(201, 409, 409, 409, 409, 409);
        assertThat(api.get("/balance/" + uuid).json().getJsonNumber("balance").longValue())
                .isEqualTo(5);
    }

    @Test
    void anExpiredLotIsSetAsideAndTheSchedulerWritesItOff() throws Exception {
        long user = api.openUser(10);
        Reply accrued =
                api.post(
                        "/users/" + user + "/accruals",
                        "{\"amount\": 50, \"expiresAt\": \""
                                + Instant.now().plus(Duration.ofDays(1))
                                + "\"}");
        assertThat(accrued.status()).as(accrued.body()).isEqualTo(201);
        long lot = accrued.json().getJsonNumber("accrualId").longValue();
        assertThat(
                        database.update(
                                "UPDATE accruals SET expires_at = now() WHERE user_id = ? AND id = ?",
                                user,
                                lot))
                .isEqualTo(1);

        Reply tooMuch = api.post("/balance/update", debit(user, 11));
        Reply enough = api.post("/balance/update", debit(user, 10));

        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(400);
        assertThat(tooMuch.problemType()).endsWith("insufficient-funds");
        assertThat(enough.status()).as(enough.body()).isEqualTo(200);
        awaitJobDone();
        assertThat(api.post("/jobs/expire-accruals", "").status()).isEqualTo(202);
        JsonObject job = awaitJobDone();
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(api.balanceOf(user)).isZero();
        assertThat(entries(user, "EXPIRY")).isEqualTo(1);
        assertThat(
                        database.queryLong(
                                """
                SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id
                WHERE t.name = 'ExpireAccruals' AND h.status = 'SUCCEEDED'"""))
                .as("runs of the scheduler's task that claimed the job")
                .isPositive();
        assertBooksOf(user);
    }

    @Test
    void theMerchRoutesWorkWithTheHistoryJoinedOnEveryNode() {
        Shoppers shoppers = new Shoppers(api);
        String alice = Shoppers.unique("alice");
        String bob = Shoppers.unique("bob");
        String aliceToken = shoppers.tokenOf(alice);
        String bobToken = shoppers.tokenOf(bob);

        assertThat(shoppers.buy(aliceToken, "cup").status()).isEqualTo(200);
        assertThat(shoppers.send(aliceToken, bob, 30).status()).isEqualTo(200);
        assertThat(shoppers.send(bobToken, alice, 5).status()).isEqualTo(200);

        JsonObject info = shoppers.info(aliceToken).json();
        assertThat(info.getJsonNumber("coins").longValue()).isEqualTo(1000 - 20 - 30 + 5);
        assertThat(info.getJsonArray("inventory").getJsonObject(0).getString("type"))
                .isEqualTo("cup");
        JsonObject history = info.getJsonObject("coinHistory");
        assertThat(history.getJsonArray("sent").getJsonObject(0).getString("toUser"))
                .isEqualTo(bob);
        assertThat(history.getJsonArray("received").getJsonObject(0).getString("fromUser"))
                .isEqualTo(bob);
    }

    /**
     * Two employees whose rows live on different workers send each other coins, 500 times each way,
     * all at once: every transfer is a transaction on both workers, committed by Citus with
     * two-phase commit. None fails, none deadlocks, none is half done.
     */
    @Test
    void aThousandTransfersBothWaysBetweenWorkersAreWhole() {
        Shoppers shoppers = new Shoppers(api);
        String[] pair = employeesOnDifferentWorkers(shoppers);
        String first = shoppers.tokenOf(pair[0]);
        String second = shoppers.tokenOf(pair[1]);

        List<CompletableFuture<Reply>> transfers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            transfers.add(shoppers.sendAsync(first, pair[1], 1));
            transfers.add(shoppers.sendAsync(second, pair[0], 2));
        }
        Map<Integer, Long> statuses =
                transfers.stream()
                        .map(CompletableFuture::join)
                        .collect(
                                java.util.stream.Collectors.groupingBy(
                                        Reply::status, java.util.stream.Collectors.counting()));

        assertThat(statuses).isEqualTo(Map.of(200, 1_000L));
        assertThat(shoppers.coins(first)).isEqualTo(1000 - 500 + 1000);
        assertThat(shoppers.coins(second)).isEqualTo(1000 - 1000 + 500);
        for (String username : pair) {
            assertBooksOf(employee(username));
        }
    }

    /**
     * A worker stops while two users, one on each worker, are debited: the stopped worker's user
     * gets 503 problem+json, the other goes on, every 200 is in the books, and once the worker is
     * back its user is served again.
     */
    @Test
    void aStoppedWorkerFailsItsUsersWith503WhileTheOthersGoOn() throws Exception {
        // Enough to outlast the worker's stop and start: the two users' changes share groups
        // (one transaction) all along, and a group the stopped worker failed is applied again
        // one account at a time, so the staying user's changes go on.
        int requests = 12_000;
        int stopped = cluster.workers().get(1);
        long staying = userOn(cluster.workers().get(0));
        long leaving = userOn(stopped);
        CompletableFuture<Load.Result> load =
                CompletableFuture.supplyAsync(
                        () ->
                                new Load(coffer.baseUri(), "balance/update")
                                        .closedLoop(
                                                requests,
                                                16,
                                                i -> debit(i % 2 == 0 ? staying : leaving, 1)));
        Thread.sleep(2_000);

        Reply whileStopped;
        Reply meanwhile;
        cluster.stopNode(stopped);
        try {
            whileStopped = api.post("/balance/update", debit(leaving, 1));
            meanwhile = api.post("/balance/update", debit(staying, 1));
        } finally {
            cluster.startNode(stopped);
        }
        Load.Result result = load.join();

        assertThat(whileStopped.status()).as(whileStopped.body()).isEqualTo(503);
        assertThat(whileStopped.contentType()).startsWith("application/problem+json");
        assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(200);
        long[] applied = new long[2];
        for (int i = 0; i < requests; i++) {
            int status = result.statusOf(i);
            assertThat(status).as("request %d", i).isIn(200, 503);
            if (status == 200) {
                applied[i % 2]++;
            }
        }
        assertThat(applied[0]).as("debits of the staying user").isEqualTo(requests / 2);
        assertThat(applied[1])
                .as("debits of the leaving user, some while it was away")
                .isLessThan(requests / 2);
        assertThat(api.post("/balance/update", debit(leaving, 1)).status()).isEqualTo(200);
        assertThat(entries(staying, "DEBIT")).isEqualTo(applied[0] + 1);
        assertThat(entries(leaving, "DEBIT")).isEqualTo(applied[1] + 1);
        assertBooksOf(staying);
        assertBooksOf(leaving);
    }

    /** A new user, rich enough for any test, whose row lives on that worker. */
    private static long userOn(int worker) {
        for (int tries = 0; tries < 50; tries++) {
            long user = api.openUser(1_000_000);
            if (cluster.workerOf(user) == worker) {
                return user;
            }
        }
        throw new AssertionError("No user on worker " + worker + " in 50 openings");
    }

    private static String[] employeesOnDifferentWorkers(Shoppers shoppers) {
        String first = Shoppers.unique("sender");
        shoppers.tokenOf(first);
        int firstWorker = cluster.workerOf(employee(first));
        for (int tries = 0; tries < 50; tries++) {
            String second = Shoppers.unique("recipient");
            shoppers.tokenOf(second);
            if (cluster.workerOf(employee(second)) != firstWorker) {
                return new String[] {first, second};
            }
        }
        throw new AssertionError("No two employees on different workers in 50 logins");
    }

    private static long employee(String username) {
        return database.queryLong("SELECT user_id FROM employees WHERE username = ?", username);
    }

    /** The user's balance is the sum of their entries, and their lots are what the row says. */
    private static void assertBooksOf(long user) {
        long balance = database.queryLong("SELECT balance FROM users WHERE id = ?", user);
        assertThat(
                        database.queryLong(
                                "SELECT COALESCE(sum(amount), 0) FROM ledger_entries WHERE user_id = ?",
                                user))
                .as("user %d's ledger", user)
                .isEqualTo(balance);
        assertThat(
                        database.queryLong(
                                "SELECT COALESCE(sum(remaining), 0) FROM accruals WHERE user_id = ?",
                                user))
                .isEqualTo(
                        database.queryLong("SELECT lot_remaining FROM users WHERE id = ?", user));
    }

    private static long entries(long user, String kind) {
        return database.queryLong(
                "SELECT count(*) FROM ledger_entries WHERE user_id = ? AND kind = ?", user, kind);
    }

    private static String placement(String table) {
        long kind =
                database.queryLong(
                        """
                SELECT CASE
                    WHEN NOT EXISTS (SELECT 1 FROM pg_dist_partition
                                     WHERE logicalrelid = ?::regclass) THEN 0
                    WHEN (SELECT repmodel FROM pg_dist_partition
                          WHERE logicalrelid = ?::regclass) = 't' THEN 1
                    WHEN (SELECT partmethod FROM pg_dist_partition
                          WHERE logicalrelid = ?::regclass) = 'n' THEN 4
                    WHEN (SELECT colocationid FROM pg_dist_partition
                          WHERE logicalrelid = ?::regclass)
                       = (SELECT colocationid FROM pg_dist_partition
                          WHERE logicalrelid = 'users'::regclass) THEN 2
                    ELSE 3 END""",
                        table,
                        table,
                        table,
                        table);
        return List.of(
                        "local",
                        "reference",
                        "distributed, group of users",
                        "distributed, group of its own",
                        "local, in Citus's metadata")
                .get((int) kind);
    }

    private static JsonObject awaitJobDone() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonObject job = null;
        while (Instant.now().isBefore(deadline)) {
            job = api.get("/jobs/expire-accruals").json();
            String state = job.getString("state");
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The job was not done within two minutes: " + job);
    }

    private static String debit(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": " + -amount + "}";
    }
}

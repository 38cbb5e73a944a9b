package coffer.balance;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import coffer.testing.Shoppers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One hot account changed through two instances on one database, each batching its own queue: the
 * results are exact, because the database decides. One instance admits only a few waiting changes
 * and answers the rest 503 at once, changing nothing; and an instance killed in the middle of a
 * batched load and a merch transfer load leaves every change and transfer it answered in the books
 * exactly once, and every one it never answered either wholly there or not at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotAccountSystemIT {

    private static final Path OUTPUT = Path.of("target", "hot-account");
    private static final int SMALL_BOUND = 50;
    private static final int EMPLOYEES = 10;

    private static Database database;
    private static PayaraMicroProcess roomy;
    private static PayaraMicroProcess cramped;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Files.createDirectories(OUTPUT);
        database = PostgresServer.forTests().freshDatabase("coffer_hot_account");
        roomy = instance(18_396).start();
        cramped =
                instance(18_397)
                        .environment("BALANCE_MAX_WAITING", Integer.toString(SMALL_BOUND))
                        .start();
        roomy.awaitReady(Duration.ofMinutes(4));
        cramped.awaitReady(Duration.ofMinutes(4));
    }

    private static PayaraMicroProcess.Builder instance(int port) {
        return PayaraMicroProcess.builder(port)
                .database(database)
                .environment("TASKS_ENABLED", "false")
                .environment("MERCH_JWT_KEY_FILE", OUTPUT.resolve("merch-jwt.key").toString())
                .environment("MERCH_PASSWORD_COST", "4")
                .microOption("--prebootcommandfile", "server-config/pre-boot-commands.asadmin")
                .log(OUTPUT.resolve("coffer-" + port + ".log"));
    }

    @AfterAll
    static void stop() {
        for (PayaraMicroProcess instance : new PayaraMicroProcess[] {roomy, cramped}) {
            if (instance != null && instance.isAlive()) {
                instance.kill();
            }
        }
    }

    @Test
    @Order(1)
    void twoInstancesOnOneHotAccountGiveExactResults() {
        long user = new Api(roomy.baseUri()).openUser(10_000);

        CompletableFuture<Load.Result> viaRoomy =
                CompletableFuture.supplyAsync(
                        () ->
                                new Load(roomy.baseUri(), "balance/update")
                                        .closedLoop(5_000, 32, i -> debit(user, 2)));
        Load.Result viaCramped =
                new Load(cramped.baseUri(), "balance/update")
                        .closedLoop(5_000, 32, i -> debit(user, 2));

        Map<Integer, Long> one = viaRoomy.join().byStatus();
        Map<Integer, Long> other = viaCramped.byStatus();
        assertThat(one.keySet()).containsOnly(200, 400);
        assertThat(other.keySet()).containsOnly(200, 400);
        assertThat(one.get(200) + other.get(200)).isEqualTo(5_000);
        assertThat(one.get(400) + other.get(400)).isEqualTo(5_000);
        assertThat(new Api(cramped.baseUri()).balanceOf(user)).isZero();
        BooksInvariant.assertHolds(database);
    }

    @Test
    @Order(2)
    void pastTheBoundChangesAreRefusedAtOnceAndChangeNothing() {
        long user = new Api(cramped.baseUri()).openUser(1_000_000);

        Load.Result burst =
                new Load(cramped.baseUri(), "balance/update")
                        .allAtOnce(2_000, i -> debit(user, 1), Duration.ofSeconds(120));

        report("burst of 2000 at a bound of " + SMALL_BOUND, burst);
        assertThat(burst.byStatus().keySet()).containsOnly(200, 503);
        assertThat(burst.count(503)).as("refused for overload").isPositive();
        assertThat(new Api(cramped.baseUri()).balanceOf(user))
                .isEqualTo(1_000_000 - burst.count(200));
        assertThat(entries(user, "DEBIT")).isEqualTo(burst.count(200));
        BooksInvariant.assertHolds(database);
    }

    /** Runs last: it kills one of the instances. */
    @Test
    @Order(3)
    void anInstanceKilledMidLoadLeavesEveryChangeAndTransferWhollyInOrOut() throws Exception {
        long user = new Api(roomy.baseUri()).openUser(1_000_000);
        int requests = 20_000;
        Shoppers shop = new Shoppers(new Api(roomy.baseUri()));
        List<String> names =
                IntStream.range(0, EMPLOYEES).mapToObj(i -> Shoppers.unique("crash" + i)).toList();
        List<String> tokens = names.stream().map(shop::tokenOf).toList();

        CompletableFuture<Load.Result> debits =
                CompletableFuture.supplyAsync(
                        () ->
                                new Load(cramped.baseUri(), "balance/update")
                                        .closedLoop(
                                                requests,
                                                32,
                                                i -> debit(user, 1),
                                                i -> "crash-" + i));
        CompletableFuture<Load.Result> transfers =
                CompletableFuture.supplyAsync(
                        () ->
                                Load.authorized(
                                                cramped.baseUri(),
                                                "api/sendCoin",
                                                i -> tokens.get(i % EMPLOYEES))
                                        .closedLoop(
                                                requests,
                                                16,
                                                i -> transfer(names.get((i + 1) % EMPLOYEES), i),
                                                i -> "transfer-" + i));
        awaitEntries(user, 2_000);
        cramped.kill();

        assertWhollyInOrOut("debits", debits.join(), "DEBIT", "crash-");
        Load.Result sent = transfers.join();
        assertWhollyInOrOut("transfers", sent, "TRANSFER_OUT", "transfer-");
        assertThat(new Api(roomy.baseUri()).balanceOf(user))
                .isEqualTo(1_000_000 - entries(user, "DEBIT"));
        assertThat(
                        database.queryLong(
                                "SELECT sum(u.balance) FROM users u JOIN employees m"
                                        + " ON m.user_id = u.id WHERE m.username LIKE 'crash%'"))
                .as("coins of the employees, who only sent each other coins")
                .isEqualTo(1_000L * EMPLOYEES);
        BooksInvariant.assertHolds(database);
    }

    /**
     * Every request of {@code result} answered 200 left exactly one entry of {@code kind} under its
     * key, no key left two, and the entries beyond the answered ones are at most those whose answer
     * was lost with the instance.
     */
    private static void assertWhollyInOrOut(
            String what, Load.Result result, String kind, String keyPrefix) throws SQLException {
        report(what + " killed mid-load", result);
        Map<String, Long> entriesByKey = entriesByKey(kind, keyPrefix);
        long answeredApplied = result.count(200);
        long inLedger = entriesByKey.size();
        assertThat(answeredApplied).as(what + " answered before the kill").isPositive();
        assertThat(result.count(Load.DROPPED)).as(what + " lost with the instance").isPositive();
        assertThat(
                        IntStream.range(0, result.requests())
                                .filter(i -> result.statusOf(i) == 200)
                                .filter(i -> entriesByKey.getOrDefault(keyPrefix + i, 0L) != 1)
                                .count())
                .as(what + " answered 200 but not in the ledger exactly once")
                .isZero();
        assertThat(entriesByKey.values()).as("no key charged twice").allMatch(n -> n == 1);
        assertThat(inLedger)
                .as(what + " applied: all answered, and some whose answer was lost")
                .isBetween(answeredApplied, answeredApplied + result.count(Load.DROPPED));
    }

    private static void awaitEntries(long user, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (entries(user, "DEBIT") < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Map<String, Long> entriesByKey(String kind, String keyPrefix)
            throws SQLException {
        Map<String, Long> byKey = new HashMap<>();
        try (Connection connection = database.connect();
                PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT idempotency_key, count(*) FROM ledger_entries"
                                        + " WHERE kind = ? AND idempotency_key LIKE ?"
                                        + " GROUP BY idempotency_key")) {
            query.setString(1, kind);
            query.setString(2, keyPrefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byKey.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return byKey;
    }

    private static long entries(long user, String kind) {
        return database.queryLong(
                "SELECT count(*) FROM ledger_entries WHERE user_id = ?" + " AND kind = ?",
                user,
                kind);
    }

    private static String transfer(String toUser, int index) {
        return "{\"toUser\": \"" + toUser + "\", \"amount\": " + (1 + index % 7) + "}";
    }

    private static String debit(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": " + -amount + "}";
    }

    private static void report(String what, Load.Result result) {
        System.out.println(
                what
                        + ": "
                        + result.byStatus()
                        + " in "
                        + "%.1f s".formatted(result.elapsedSeconds())
                        + ", "
                        + result.latencies());
    }
}

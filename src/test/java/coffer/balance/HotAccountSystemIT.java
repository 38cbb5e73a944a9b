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
 * and answers the rest 503 at once, changing nothing (shown with the account's row held by the
 * test, so that the changes admitted cannot finish before the bound is reached); and an instance
 * killed in the middle of a batched load and a merch transfer load leaves every change and transfer
 * it answered in the books exactly once, and every one it never answered either wholly there or not
 * at all.
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

        Load.Result one = viaRoomy.join();
        Load.Result other = viaCramped;
        // Either instance may take more or fewer of the refusals, or none: only the sums are exact.
        assertThat(one.byStatus().keySet()).isSubsetOf(200, 400);
        assertThat(other.byStatus().keySet()).isSubsetOf(200, 400);
        assertThat(one.count(200) + other.count(200)).isEqualTo(5_000);
        assertThat(one.count(400) + other.count(400)).isEqualTo(5_000);
        assertThat(new Api(cramped.baseUri()).balanceOf(user)).isZero();
        BooksInvariant.assertHolds(database);
    }

    /**
     * While a transaction of the test holds the account's row, the changes the instance admitted
     * wait on it, so the bound is reached however fast the server is: exactly {@link #SMALL_BOUND}
     * admitted, every other one refused at once, changing nothing; once the row is free, exactly
     * the admitted ones are applied.
     */
    @Test
    @Order(2)
    void pastTheBoundChangesAreRefusedAtOnceAndChangeNothing() throws Exception {
        Api api = new Api(cramped.baseUri());
        long user = api.openUser(1_000_000);
        int burst = 4 * SMALL_BOUND;
        List<CompletableFuture<Api.Reply>> replies;
        try (Connection holder = database.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, user);
                lock.executeQuery().close();
            }

            replies =
                    IntStream.range(0, burst)
                            .mapToObj(i -> api.postAsync("/balance/update", debit(user, 1)))
                            .toList();

            awaitAnswered(replies, burst - SMALL_BOUND, Duration.ofMinutes(2));
            assertThat(statuses(replies))
                    .as("answered while the row is held")
                    .containsExactlyEntriesOf(Map.of(503, (long) burst - SMALL_BOUND));
            holder.rollback();
        }

        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
        assertThat(statuses(replies))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(200, (long) SMALL_BOUND, 503, (long) burst - SMALL_BOUND));
        assertThat(replies)
                .extracting(CompletableFuture::join)
                .filteredOn(reply -> reply.status() == 503)
                .allSatisfy(
                        reply -> {
                            assertThat(reply.problemType()).isEqualTo("overloaded");
                            assertThat(reply.retryAfter()).isEqualTo("1");
                        });
        assertThat(api.balanceOf(user)).isEqualTo(1_000_000 - SMALL_BOUND);
        assertThat(entries(user, "DEBIT")).isEqualTo(SMALL_BOUND);
        BooksInvariant.assertHolds(database);
    }

    /** Waits until {@code count} of the replies are in, or the time is up. */
    private static void awaitAnswered(
            List<CompletableFuture<Api.Reply>> replies, long count, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (replies.stream().filter(CompletableFuture::isDone).count() < count
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The replies in so far, counted by status. */
    private static Map<Integer, Long> statuses(List<CompletableFuture<Api.Reply>> replies) {
        Map<Integer, Long> byStatus = new HashMap<>();
        replies.stream()
                .filter(CompletableFuture::isDone)
                .map(CompletableFuture::join)
                .forEach(reply -> byStatus.merge(reply.status(), 1L, Long::sum));
        return byStatus;
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

package coffer.balance;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.NginxProcess;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reference test as the clients of the systems Coffer replaces send it, against the production
 * launch (the pre-boot settings of server-config), 10,000 debits of 2 from a user with 10000 each
 * time: all at once, each on a connection of its own (the original system's own client); and the
 * HighLoad Balance App's Artillery test, 1000 new connections a second for 10 s at {@code POST
 * /users/updateBalance}; and all at once again through nginx in front of two instances. Every
 * request must get its definite answer, exactly half of them applied; and a client that gave up
 * waiting learns the outcome by retrying with its key, without a second charge. The Artillery test
 * runs first, the moment the instance reports ready after its own warm-up (as a deploy, a restart
 * or an instance added under load meets it), with Artillery's 10 s client timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceLoadSystemIT {

    private static final Path OUTPUT = Path.of("target", "reference-load");
    private static final int RATE = 1_000;
    private static final Duration DURATION = Duration.ofSeconds(10);
    private static final int REQUESTS = 10_000;

    private static Database database;
    private static PayaraMicroProcess coffer;

    /** Serves only the test through nginx, beside the first. */
    private static PayaraMicroProcess second;

    private static Api api;
    private static Load load;

    @BeforeAll
    static void startTheProductionLaunch() throws Exception {
        Files.createDirectories(OUTPUT);
        database = PostgresServer.forTests().freshDatabase("coffer_reference_load");
        second = productionLaunch(18_398).start();
        second.awaitReady(Duration.ofMinutes(4));
        coffer = productionLaunch(18_395).optimizingCompiler().warmingUp().start();
        coffer.awaitReady(Duration.ofMinutes(4));
        api = new Api(coffer.baseUri());
        load = new Load(coffer.baseUri(), "users/updateBalance");
    }

    private static PayaraMicroProcess.Builder productionLaunch(int port) {
        return PayaraMicroProcess.builder(port)
                .database(database)
                .environment("TASKS_ENABLED", "false")
                .microOption("--prebootcommandfile", "server-config/pre-boot-commands.asadmin")
                .log(OUTPUT.resolve("payara-" + port + ".log"));
    }

    @AfterAll
    static void stop() {
        for (PayaraMicroProcess instance : new PayaraMicroProcess[] {coffer, second}) {
            if (instance != null) {
                instance.stop();
            }
        }
    }

    @Test
    void tenThousandDebitsSentAtOnceAreAllAnsweredAndHalfApplied() {
        long user = api.openUser(10_000);

        Load.Result result =
                new Load(coffer.baseUri(), "balance/update")
                        .allAtOnce(REQUESTS, i -> debit(user), Duration.ofSeconds(120));

        report("all at once", result);
        assertHalfAppliedAndNothingLeft(user, result);
    }

    /**
     * The same through nginx, with the project's configuration, in front of two instances: nginx
     * holds 20,000 connections at once (each client's and one to an instance), and both instances
     * decide on the one row.
     */
    @Test
    void tenThousandDebitsAtOnceThroughNginxInFrontOfTwoInstancesAreExact() {
        long user = api.openUser(10_000);
        long servedBefore = balanceUpdatesServed(second);

        Load.Result result;
        try (NginxProcess nginx =
                NginxProcess.inFrontOf(OUTPUT.resolve("nginx"), 18_399, List.of(coffer, second))) {
            result =
                    new Load(nginx.baseUri(), "balance/update")
                            .allAtOnce(REQUESTS, i -> debit(user), Duration.ofSeconds(120));
        }

        report("all at once through nginx", result);
        assertHalfAppliedAndNothingLeft(user, result);
        assertThat(balanceUpdatesServed(second) - servedBefore)
                .as("requests the second instance answered")
                .isBetween(1L, REQUESTS - 1L);
    }

    /** The reference test from a client that knows its users by UUID (case as it stores them). */
    @Test
    void tenThousandDebitsNamingTheUserByUuidAreExact() {
        String uuid = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        long user =
                api.post("/users", "{\"id\": \"" + uuid + "\", \"balance\": 10000}")
                        .json()
                        .getJsonNumber("userId")
                        .longValue();

        Load.Result result =
                load.closedLoop(
                        REQUESTS, 64, i -> "{\"userId\": \"" + uuid + "\", \"amount\": -2}");

        report("by UUID", result);
        assertThat(result.byStatus()).isEqualTo(Map.of(200, 5_000L, 400, 5_000L));
        assertThat(api.get("/balance/" + uuid).json().getJsonNumber("balance").longValue())
                .isZero();
        assertThat(debitEntries(user)).isEqualTo(5_000);
        BooksInvariant.assertHolds(database);
    }

    @Test
    @Order(1)
    void aJustReadyInstanceAnswersEveryArrivalWithinArtillerysTimeout() {
        long user = api.openUser(10_000);

        Load.Result result =
                load.arrivals(RATE, DURATION, i -> debit(user), i -> null, Duration.ofSeconds(10));

        report("arrivals", result);
        assertHalfAppliedAndNothingLeft(user, result);
    }

    @Test
    void clientsThatGaveUpLearnTheOutcomeByRetryingWithTheirKey() {
        long user = api.openUser(10_000);

        // All 10,000 within one second, to clients far less patient than Artillery's 10 s: unless
        // a machine answers 10,000 a second, the queue outgrows 200 ms and many give up.
        Load.Result result =
                load.arrivals(
                        REQUESTS,
                        Duration.ofSeconds(1),
                        i -> debit(user),
                        i -> "debit-" + i,
                        Duration.ofMillis(200));
        List<Integer> gaveUp =
                IntStream.range(0, REQUESTS)
                        .filter(i -> result.statusOf(i) == Load.TIMED_OUT)
                        .boxed()
                        .toList();
        report("10,000 arrivals in 1 s with keys, 200 ms client timeout", result);
        assertThat(gaveUp).as("the load must make some clients give up").isNotEmpty();
        Load.Result retries =
                load.closedLoop(gaveUp.size(), 16, i -> debit(user), i -> "debit-" + gaveUp.get(i));
        assertThat(retries.byStatus().keySet()).isSubsetOf(200, 400);
        long applied = result.count(200) + retries.count(200);
        long refused = result.count(400) + retries.count(400);
        assertThat(applied).as("applied, told at once or on retry").isEqualTo(5_000);
        assertThat(refused).isEqualTo(5_000);
        assertThat(api.balanceOf(user)).isZero();
        assertThat(debitEntries(user))
                .as("one charge per key, however often it was sent")
                .isEqualTo(5_000);
        assertThat(
                        database.queryLong(
                                "SELECT count(DISTINCT idempotency_key) FROM"
                                        + " ledger_entries WHERE user_id = ? AND kind = 'DEBIT'",
                                user))
                .isEqualTo(5_000);
        BooksInvariant.assertHolds(database);
    }

    /**
     * The reference test's outcome: every request answered, exactly half applied, the user at 0,
     * one ledger entry per applied debit, the books adding up.
     */
    private static void assertHalfAppliedAndNothingLeft(long user, Load.Result result) {
        assertThat(result.byStatus()).isEqualTo(Map.of(200, 5_000L, 400, 5_000L));
        assertThat(api.balanceOf(user)).isZero();
        assertThat(debitEntries(user)).isEqualTo(5_000);
        BooksInvariant.assertHolds(database);
    }

    /** Answers to POST /balance/update the instance has given, from its own metrics. */
    private static long balanceUpdatesServed(PayaraMicroProcess instance) {
        return new Api(instance.baseUri())
                .get("/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("coffer_http_requests_seconds_count{"))
                .filter(line -> line.contains("route=\"/balance/update\""))
                .mapToLong(
                        line ->
                                (long)
                                        Double.parseDouble(
                                                line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static long debitEntries(long user) {
        return database.queryLong(
                "SELECT count(*) FROM ledger_entries WHERE user_id = ?" + " AND kind = 'DEBIT'",
                user);
    }

    private static String debit(long user) {
        return "{\"userId\": " + user + ", \"amount\": -2}";
    }

    private static void report(String what, Load.Result result) {
        String line =
                what
                        + ": "
                        + result.byStatus()
                        + " in "
                        + "%.1f s".formatted(result.elapsedSeconds())
                        + ", "
                        + result.latencies();
        System.out.println(line);
        try {
            Files.writeString(
                    OUTPUT.resolve("report.txt"),
                    line + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}

package coffer.health;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import coffer.testing.PostgresServer.Shutdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load, once with a fast shutdown and once with an immediate one (a
 * crash), under two clustered Coffer instances that also run the scheduled tasks. Every debit and
 * credit carries an idempotency key and is recorded with its answer; afterwards the ledger is asked
 * what became of each one. The figures go to {@code target/restart-report.txt}.
 */
class DatabaseRestartSystemIT {

    private static final Path OUTPUT = Path.of("target", "restart");
    private static final int FIRST_HTTP_PORT = 19_401;
    private static final int FIRST_CLUSTER_PORT = 17_401;
    private static final String MEMBERS = "127.0.0.1:17401,127.0.0.1:17402";
    private static final int USERS = 100;
    private static final long OPENING_BALANCE = 1_000_000;
    private static final int CLIENTS = 12;
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration RESTART_AFTER = Duration.ofSeconds(6);
    private static final Duration DOWN_FOR = Duration.ofSeconds(3);
    private static final Duration LEASE_TTL = Duration.ofSeconds(15);
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(10);

    private final int databasePort = freePort();
    private final Path data = OUTPUT.resolve("pgdata-" + databasePort);
    private final List<PayaraMicroProcess> nodes = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private PostgresServer postgres;
    private Database database;
    private List<Api> apis;
    private long[] users;

    @Test
    void restartsUnderLoadAnswerEveryRequestTruthfullyAndLeaveTheBooksAndTasksWhole()
            throws Exception {
        Files.createDirectories(OUTPUT);
        startDatabase();
        startInstances();
        users =
                LongStream.range(0, USERS)
                        .map(i -> apis.get(0).openUser(OPENING_BALANCE))
                        .toArray();

        Map<String, Request> applied = new HashMap<>();
        List<Instant> backAt = new ArrayList<>();
        for (Shutdown mode : Shutdown.values()) {
            Phase phase = loadWhileRestarting(mode);
            backAt.add(phase.back());
            applied.putAll(assertEveryAnswerMatchesTheLedger(phase));
        }
        assertBalancesAreOpeningPlusWhatWasApplied(applied);
        BooksInvariant.assertHolds(database);

        nodes.parallelStream().forEach(PayaraMicroProcess::stop);
        assertTaskHistoryIsWhole(backAt);
        Files.write(Path.of("target", "restart-report.txt"), report);
    }

    @AfterEach
    void stopEverything() {
        nodes.stream().filter(PayaraMicroProcess::isAlive).forEach(PayaraMicroProcess::kill);
        if (postgres != null) {
            postgres.stop();
        }
    }

    private Phase loadWhileRestarting(Shutdown mode) throws Exception {
        Instant start = Instant.now();
        Instant end = start.plus(LOAD);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<List<Request>>> sent = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            String prefix = keyPrefix(mode) + client + "-";
            Api api = apis.get(client % apis.size());
            sent.add(clients.submit(() -> sendUntil(api, prefix, users, end)));
        }
        Future<List<Integer>> readiness = clients.submit(() -> readinessUntil(end));

        Thread.sleep(RESTART_AFTER.toMillis());
        postgres.stop(mode);
        Instant down = Instant.now();
        Thread.sleep(DOWN_FOR.toMillis());
        startDatabase();
        Instant back = databaseNow();
        note(
                mode
                        + " restart: PostgreSQL away "
                        + Duration.between(down, Instant.now()).toMillis() / 1000.0
                        + " s");

        List<Request> requests = new ArrayList<>();
        for (Future<List<Request>> client : sent) {
            requests.addAll(client.get());
        }
        List<Integer> readinessSeen = readiness.get();
        clients.shutdown();
        nodes.forEach(node -> node.awaitReady(Duration.ofMinutes(2)));
        assertThat(readinessSeen)
                .as("readiness went DOWN while the database was away")
                .contains(503);
        assertThat(readinessSeen.get(readinessSeen.size() - 1))
                .as("and came UP again by itself")
                .isEqualTo(200);
        return new Phase(mode, requests, back);
    }

    private static List<Request> sendUntil(Api api, String prefix, long[] users, Instant end) {
        List<Request> requests = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; Instant.now().isBefore(end); n++) {
            long amount = random.nextLong(1, 6) * (random.nextBoolean() ? 1 : -1);
            Request request =
                    new Request(prefix + n, users[random.nextInt(users.length)], amount, null);
            requests.add(request.answered(send(api, request)));
        }
        return requests;
    }

    private Map<String, Request> assertEveryAnswerMatchesTheLedger(Phase phase)
            throws InterruptedException {
        Map<String, Long> inLedger = ledgerByKey();
        Map<String, List<Request>> byAnswer =
                phase.requests().stream()
                        .collect(
                                Collectors.groupingBy(
                                        Request::answer, TreeMap::new, Collectors.toList()));
        note(
                phase.mode()
                        + ": "
                        + phase.requests().size()
                        + " requests, answers "
                        + byAnswer.entrySet().stream()
                                .map(e -> e.getKey() + " x" + e.getValue().size())
                                .toList());
        assertThat(byAnswer.keySet())
                .as("no 500, nothing but these")
                .isSubsetOf("200", "503 service-unavailable", "503 commit-outcome-unknown");
        assertThat(byAnswer.get("200")).isNotEmpty();
        assertThat(phase.requests())
                .filteredOn(request -> request.reply().status() == 503)
                .allSatisfy(request -> assertThat(request.reply().retryAfter()).isEqualTo("1"));

        Map<String, Request> applied = new HashMap<>();
        for (Request ok : byAnswer.getOrDefault("200", List.of())) {
            assertThat(inLedger.get(ok.key()))
                    .as("200 in the ledger once: " + ok.key())
                    .isEqualTo(ok.amount());
            applied.put(ok.key(), ok);
        }
        for (Request unavailable : byAnswer.getOrDefault("503 service-unavailable", List.of())) {
            assertThat(inLedger)
                    .as("a plain 503 changed nothing")
                    .doesNotContainKey(unavailable.key());
        }
        List<Request> unknown = byAnswer.getOrDefault("503 commit-outcome-unknown", List.of());
        int committed = 0;
        int retries = 0;
        for (Request request : unknown) {
            boolean wasCommitted = inLedger.containsKey(request.key());
            committed += wasCommitted ? 1 : 0;
            Reply retry;
            int attempts = 0;
            do {
                attempts++;
                retry = send(apis.get(attempts % apis.size()), request);
            } while (retry.status() == 503 && attempts < 20 && pause());
            retries += attempts;
            assertThat(retry.status()).as("retry of " + request.key()).isEqualTo(200);
            assertThat(retry.replayed())
                    .as(
                            "a retry replays what committed, applies what did"
                                    + " not: "
                                    + request.key())
                    .isEqualTo(wasCommitted);
            applied.put(request.key(), request);
        }
        Map<String, Long> afterRetries = ledgerByKey();
        for (Request request : unknown) {
            assertThat(afterRetries.get(request.key()))
                    .as("once after the retries")
                    .isEqualTo(request.amount());
        }
        Map<String, Long> ofPhase =
                afterRetries.entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(keyPrefix(phase.mode())))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(ofPhase)
                .as(
                        "the ledger holds what was answered 200 or settled by a retry,"
                                + " and nothing else")
                .isEqualTo(
                        applied.values().stream()
                                .collect(Collectors.toMap(Request::key, Request::amount)));
        note(
                phase.mode()
                        + ": commit-outcome-unknown "
                        + unknown.size()
                        + " ("
                        + committed
                        + " had committed, "
                        + (unknown.size() - committed)
                        + " had not), settled by "
                        + retries
                        + " retries with their keys");
        return applied;
    }

    private void assertBalancesAreOpeningPlusWhatWasApplied(Map<String, Request> applied) {
        Map<Long, Long> expected = new HashMap<>();
        for (long user : users) {
            expected.put(user, OPENING_BALANCE);
        }
        applied.values()
                .forEach(request -> expected.merge(request.userId(), request.amount(), Long::sum));
        Map<Long, Long> actual = new HashMap<>();
        for (long user : users) {
            actual.put(user, apis.get(0).balanceOf(user));
        }
        assertThat(actual).isEqualTo(expected);
        note(
                "books: "
                        + USERS
                        + " balances = opening + every applied change; balance = ledger"
                        + " sum for every user");
    }

    private void assertTaskHistoryIsWhole(List<Instant> backAt) {
        List<Run> runs = runs();
        Map<String, Long> byStatus =
                runs.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Run::status, TreeMap::new, Collectors.counting()));
        note("task runs: " + runs.size() + " by final status " + byStatus);
        assertThat(runs)
                .allSatisfy(
                        run -> {
                            assertThat(run.status())
                                    .as(run.toString())
                                    .isIn("SUCCEEDED", "FAILED", "ABANDONED", "INTERRUPTED");
                            assertThat(run.finished()).as(run.toString()).isNotNull();
                        });
        Map<String, List<Run>> byTask = runs.stream().collect(Collectors.groupingBy(Run::task));
        int overlaps = 0;
        for (List<Run> ofTask : byTask.values()) {
            for (int i = 1; i < ofTask.size(); i++) {
                if (ofTask.get(i).started().isBefore(ofTask.get(i - 1).finished())) {
                    overlaps++;
                }
            }
        }
        note("overlapping runs of one task: " + overlaps);
        assertThat(overlaps).isZero();
        for (Instant back : backAt) {
            // TestTask1 is due every 3 s (5 min at this scale): a lease lost to the outage would
            // hold it for the lease's 15 s.
            assertThat(byTask.get("TestTask1"))
                    .as("TestTask1 ran again soon after the restart")
                    .anySatisfy(
                            run ->
                                    assertThat(run.started())
                                            .isAfter(back)
                                            .isBefore(back.plus(RESUMED_WITHIN)));
        }
    }

    private void startDatabase() {
        postgres = PostgresServer.durable(data, databasePort);
        database = postgres.createIfMissing("coffer");
    }

    private void startInstances() {
        for (int n = 0; n < 2; n++) {
            nodes.add(
                    PayaraMicroProcess.builder(FIRST_HTTP_PORT + n)
                            .database(database)
                            .cluster("restart-node-" + (n + 1), MEMBERS)
                            .microOption("--startport", Integer.toString(FIRST_CLUSTER_PORT + n))
                            .microOption("--interfaces", "127.0.0.1")
                            .jvmOption("-Xmx384m")
                            .environment("TASKS_TIME_SCALE", "0.01")
                            .environment("TASKS_LEASE_TTL", LEASE_TTL.toString())
                            .environment("TASKS_INSTANCE_TIMEOUT", "PT2S")
                            .environment("TASKS_CLAIM_GRACE", "PT2S")
                            .log(OUTPUT.resolve("restart-node-" + (n + 1) + ".log"))
                            .start());
        }
        // Generous: on a loaded machine, the second instance took over 8 minutes to deploy.
        nodes.forEach(node -> node.awaitReady(Duration.ofMinutes(10)));
        apis = nodes.stream().map(node -> new Api(node.baseUri())).toList();
    }

    private List<Integer> readinessUntil(Instant end) throws InterruptedException {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        while (Instant.now().isBefore(end.plusSeconds(30))) {
            int status = apis.get(0).get("/health/ready").status();
            seen.add(status);
            if (Instant.now().isAfter(end) && status == 200) {
                break;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    /** Waits the Retry-After second; true, so that it reads as a loop condition. */
    private static boolean pause() throws InterruptedException {
        Thread.sleep(1_000);
        return true;
    }

    private static Reply send(Api api, Request request) {
        try {
            return api.post(
                    "/balance/update",
                    "{\"userId\": " + request.userId() + ", \"amount\": " + request.amount() + "}",
                    request.key());
        } catch (UncheckedIOException noAnswer) {
            throw new AssertionError("No answer at all to " + request.key(), noAnswer);
        }
    }

    /** Every keyed ledger entry's amount by its key; a key twice in the ledger fails. */
    private Map<String, Long> ledgerByKey() {
        String sql =
                """
                SELECT idempotency_key, count(*), sum(amount) FROM ledger_entries
                WHERE idempotency_key IS NOT NULL GROUP BY idempotency_key""";
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            Map<String, Long> byKey = new HashMap<>();
            while (rows.next()) {
                assertThat(rows.getLong(2)).as("entries of " + rows.getString(1)).isEqualTo(1);
                byKey.put(rows.getString(1), rows.getLong(3));
            }
            return byKey;
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private List<Run> runs() {
        String sql =
                """
                SELECT t.name, h.status, h.started_at, h.finished_at
                FROM task_history h JOIN tasks t ON t.id = h.task_id
                ORDER BY h.started_at, h.id""";
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            List<Run> runs = new ArrayList<>();
            while (rows.next()) {
                Timestamp finished = rows.getTimestamp(4);
                runs.add(
                        new Run(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getTimestamp(3).toInstant(),
                                finished == null ? null : finished.toInstant()));
            }
            return runs;
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private Instant databaseNow() throws SQLException {
        try (Connection connection = database.connect();
                ResultSet now = connection.createStatement().executeQuery("SELECT now()")) {
            now.next();
            return now.getTimestamp(1).toInstant();
        }
    }

    private static String keyPrefix(Shutdown mode) {
        return mode.name().toLowerCase(Locale.ROOT) + "-";
    }

    private void note(String line) {
        System.out.println(line);
        report.add(line);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private record Phase(Shutdown mode, List<Request> requests, Instant back) {}

    /** A change sent, and what it was answered. */
    private record Request(String key, long userId, long amount, Reply reply) {

        Request answered(Reply answer) {
            return new Request(key, userId, amount, answer);
        }

        String answer() {
            return reply.status() == 503
                    ? "503 " + reply.problemType()
                    : Integer.toString(reply.status());
        }
    }

    private record Run(String task, String status, Instant started, Instant finished) {}
}

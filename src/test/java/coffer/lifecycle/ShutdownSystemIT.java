package coffer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.Identity;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance sent SIGTERM in the middle of a load of keyed debits, most of one hot account and the
 * rest spread, over 64 connections: every answer is checked against the ledger. A 200 is there
 * exactly once, a refusal that says nothing was changed is not there, a {@code
 * commit-outcome-unknown} may be either; nothing is answered 500, HTML or an empty 200; and
 * readiness went DOWN before the first refusal. Once Coffer has closed the listener, connections
 * are refused and idle ones closed unanswered: counted, not failed, and not in the ledger.
 */
class ShutdownSystemIT {

    private static final Path OUTPUT = Path.of("target", "shutdown");
    private static final int PORT = 18_700;
    private static final int CONNECTIONS = 64;
    private static final int SPREAD_USERS = 16;
    private static final int MAX_REQUESTS = 400_000;
    private static final Duration SIGTERM_AFTER = Duration.ofSeconds(4);
    private static final Pattern PROBLEM_TYPE =
            Pattern.compile("\"type\":\"urn:coffer:problem:([a-z-]+)\"");
    private static final String REFUSED = "connection refused";
    private static final String DROPPED = "connection dropped";

    private static Database database;
    private static PayaraMicroProcess instance;

    @BeforeAll
    static void startInstance() throws Exception {
        Files.createDirectories(OUTPUT);
        database = PostgresServer.forTests().freshDatabase("coffer_shutdown");
        instance =
                PayaraMicroProcess.builder(PORT)
                        .database(database)
                        // The production grace: the window after the drain is under test.
                        .environment("SHUTDOWN_GRACE", "PT10S")
                        .environment(
                                "MERCH_JWT_KEY_FILE", OUTPUT.resolve("merch-jwt.key").toString())
                        .microOption(
                                "--prebootcommandfile", "server-config/pre-boot-commands.asadmin")
                        .log(OUTPUT.resolve("coffer-" + PORT + ".log"))
                        .start()
                        .awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (instance != null && instance.isAlive()) {
            instance.kill();
        }
    }

    @Test
    void everyAnswerAroundSigtermIsTrueToTheLedger() throws Exception {
        Api api = new Api(instance.baseUri());
        long hot = api.openUser(10_000_000);
        List<Long> spread =
                IntStream.range(0, SPREAD_USERS).mapToObj(i -> api.openUser(1_000_000)).toList();
        Readiness readiness = new Readiness(instance.baseUri());
        CompletableFuture<Void> polling = CompletableFuture.runAsync(readiness::poll);

        Debits debits =
                new Debits(
                        instance.baseUri(),
                        i -> i % 10 == 0 ? spread.get(i / 10 % SPREAD_USERS) : hot);
        CompletableFuture<List<Outcome>> load = CompletableFuture.supplyAsync(debits::run);
        Thread.sleep(SIGTERM_AFTER.toMillis());
        long sigtermAt = System.nanoTime();
        instance.stop();
        long exitedAt = System.nanoTime();
        List<Outcome> outcomes = load.join();
        readiness.stop();
        polling.join();

        Map<String, Long> kinds = report(outcomes, readiness, sigtermAt, exitedAt);
        Map<String, Long> entries = entriesByKey();
        assertThat(outcomes)
                .as("answers before SIGTERM")
                .anyMatch(o -> o.at < sigtermAt && o.status == 200);
        assertThat(kinds.keySet())
                .as("every kind of answer")
                .isSubsetOf(
                        "200",
                        "503 shutting-down",
                        "503 service-unavailable",
                        "503 commit-outcome-unknown",
                        REFUSED,
                        DROPPED);
        assertThat(kinds).as("refused for shutting down").containsKey("503 shutting-down");
        assertThat(outcomes)
                .as("a 200 is in the ledger exactly once and has a body")
                .filteredOn(o -> o.status == 200)
                .allSatisfy(
                        o -> {
                            assertThat(entries.getOrDefault(key(o.index), 0L)).isEqualTo(1);
                            assertThat(o.jsonBody).isTrue();
                        });
        assertThat(outcomes)
                .as("a change answered not applied is not in the ledger")
                .filteredOn(
                        o ->
                                o.kind().equals("503 shutting-down")
                                        || o.kind().equals("503 service-unavailable"))
                .allSatisfy(o -> assertThat(entries).doesNotContainKey(key(o.index)));
        assertThat(outcomes)
                .as("a request whose connection was refused or closed unanswered changed nothing")
                .filteredOn(o -> o.kind().equals(REFUSED) || o.kind().equals(DROPPED))
                .allSatisfy(o -> assertThat(entries).doesNotContainKey(key(o.index)));
        assertThat(entries.values()).as("no key charged twice").allMatch(n -> n == 1);
        assertThat(outcomes)
                .as("every answer is problem+json or JSON")
                .filteredOn(o -> o.status > 0)
                .allMatch(o -> o.jsonBody);
        long firstRefusal =
                outcomes.stream()
                        .filter(o -> o.kind().equals("503 shutting-down"))
                        .mapToLong(o -> o.at)
                        .min()
                        .orElseThrow();
        assertThat(readiness.downAt.get())
                .as("readiness DOWN (ns) before the first refusal")
                .isPositive()
                .isLessThan(firstRefusal);
        long listenerClosed =
                outcomes.stream()
                        .filter(o -> o.kind().equals(REFUSED))
                        .mapToLong(o -> o.at)
                        .min()
                        .orElse(Long.MAX_VALUE);
        assertThat(outcomes)
                .as("no connection dropped while the listener was up (200 ms for the clocks)")
                .filteredOn(o -> o.kind().equals(DROPPED))
                .allMatch(o -> o.at > listenerClosed - Duration.ofMillis(200).toNanos());
        long applied =
                outcomes.stream()
                        .filter(o -> entries.containsKey(key(o.index)) && o.user == hot)
                        .count();
        assertThat(balanceOf(hot)).isEqualTo(10_000_000 - applied);
        BooksInvariant.assertHolds(database);
    }

    private static long balanceOf(long user) {
        return database.queryLong("SELECT balance FROM users WHERE id = ?", user);
    }

    private static long lastAnswer(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.status > 0).mapToLong(o -> o.at).max().orElse(0);
    }

    private static String key(int index) {
        return "stop-" + index;
    }

    private static Map<String, Long> entriesByKey() throws SQLException {
        Map<String, Long> byKey = new HashMap<>();
        try (Connection connection = database.connect();
                PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT idempotency_key, count(*) FROM ledger_entries"
                                        + " WHERE idempotency_key LIKE 'stop-%'"
                                        + " GROUP BY idempotency_key");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                byKey.put(rows.getString(1), rows.getLong(2));
            }
        }
        return byKey;
    }

    private static Map<String, Long> report(
            List<Outcome> outcomes, Readiness readiness, long sigtermAt, long exitedAt) {
        Map<String, Long> kinds = new TreeMap<>();
        outcomes.forEach(o -> kinds.merge(o.kind(), 1L, Long::sum));
        Predicate<Outcome> refusal = o -> o.kind().equals("503 shutting-down");
        System.out.printf(
                "shutdown under load: %d requests %s; SIGTERM at 0 ms, readiness DOWN seen at"
                        + " %d ms, first refusal at %d ms, last answer at %d ms, first connection"
                        + " refused at %d ms, process exited at %d ms%n",
                outcomes.size(),
                kinds,
                millis(readiness.downAt.get() - sigtermAt),
                millis(
                        outcomes.stream()
                                        .filter(refusal)
                                        .mapToLong(o -> o.at)
                                        .min()
                                        .orElse(sigtermAt)
                                - sigtermAt),
                millis(lastAnswer(outcomes) - sigtermAt),
                millis(
                        outcomes.stream()
                                        .filter(o -> o.kind().equals(REFUSED))
                                        .mapToLong(o -> o.at)
                                        .min()
                                        .orElse(sigtermAt)
                                - sigtermAt),
                millis(exitedAt - sigtermAt));
        Map<String, long[]> spans = new TreeMap<>();
        outcomes.forEach(
                o ->
                        spans.merge(
                                o.kind(),
                                new long[] {o.at, o.at},
                                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
        spans.forEach(
                (kind, span) ->
                        System.out.printf(
                                "  %s: from %d ms to %d ms%n",
                                kind, millis(span[0] - sigtermAt), millis(span[1] - sigtermAt)));
        return kinds;
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** What one request got: an HTTP answer, or a connection refused or dropped. */
    private record Outcome(
            int index,
            long user,
            int status,
            String type,
            boolean jsonBody,
            String failure,
            long at) {

        String kind() {
            if (failure != null) {
                return failure;
            }
            return type == null ? Integer.toString(status) : status + " " + type;
        }
    }

    /**
     * Keyed debits of 1 over {@link #CONNECTIONS} connections, each connection sending its next as
     * soon as it has an answer, until its connection is refused.
     */
    private static final class Debits {

        private final URI uri;
        private final IntToLongFunction userOf;
        private final AtomicInteger next = new AtomicInteger();
        private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

        Debits(URI base, IntToLongFunction userOf) {
            this.uri = base.resolve("balance/update");
            this.userOf = userOf;
        }

        List<Outcome> run() {
            ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<CompletableFuture<Void>> all =
                        IntStream.range(0, CONNECTIONS)
                                .mapToObj(
                                        c ->
                                                CompletableFuture.runAsync(
                                                        this::connection, connections))
                                .toList();
                all.forEach(CompletableFuture::join);
            } finally {
                connections.shutdown();
            }
            return List.copyOf(outcomes);
        }

        private void connection() {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = next.getAndIncrement(); i < MAX_REQUESTS; i = next.getAndIncrement()) {
                Outcome outcome = send(http, i);
                outcomes.add(outcome);
                if (REFUSED.equals(outcome.failure)) {
                    return;
                }
            }
        }

        private Outcome send(HttpClient http, int index) {
            long user = userOf.applyAsLong(index);
            HttpRequest request =
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + Identity.caller())
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", key(index))
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"userId\": " + user + ", \"amount\": -1}"))
                            .build();
            try {
                HttpResponse<String> answer =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                String contentType = answer.headers().firstValue("Content-Type").orElse("");
                Matcher type = PROBLEM_TYPE.matcher(answer.body());
                String problem =
                        contentType.equals("application/problem+json") && type.find()
                                ? type.group(1)
                                : null;
                boolean json =
                        problem != null
                                || contentType.equals("application/json")
                                        && answer.body().startsWith("{");
                return new Outcome(
                        index, user, answer.statusCode(), problem, json, null, System.nanoTime());
            } catch (ConnectException refused) {
                return new Outcome(index, user, 0, null, false, REFUSED, System.nanoTime());
            } catch (IOException dropped) {
                return new Outcome(index, user, 0, null, false, DROPPED, System.nanoTime());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    /** Polls {@code /health/ready} and remembers when it first saw it not UP. */
    private static final class Readiness {

        private final URI uri;
        private final AtomicLong downAt = new AtomicLong();
        private volatile boolean polling = true;

        Readiness(URI base) {
            this.uri = base.resolve("health/ready");
        }

        void poll() {
            HttpClient http = HttpClient.newHttpClient();
            while (polling && downAt.get() == 0) {
                try {
                    int status =
                            http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .timeout(Duration.ofSeconds(5))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                    if (status != 200) {
                        downAt.set(System.nanoTime());
                    }
                    Thread.sleep(20);
                } catch (IOException | InterruptedException gone) {
                    return;
                }
            }
        }

        void stop() {
            polling = false;
        }
    }
}

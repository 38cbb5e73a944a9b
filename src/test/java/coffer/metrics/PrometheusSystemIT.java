package coffer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.Database;
import coffer.testing.Latencies;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's {@code prometheus}) scraping two Coffer instances under load, asked
 * through its query API what the Grafana dashboard asks: every expression of {@code
 * docker/grafana/dashboards/coffer.json} has data, and the median the latency histogram gives is
 * the one the load generator measured, to within the histogram's resolution. And, since both
 * instances run the tasks here every few seconds, that a paused task runs on neither.
 */
class PrometheusSystemIT {

    private static final Path OUTPUT = Path.of("target", "prometheus");
    private static final Path DASHBOARD = Path.of("docker", "grafana", "dashboards", "coffer.json");
    private static final int FIRST_HTTP_PORT = 18_500;
    private static final int FIRST_CLUSTER_PORT = 17_500;
    private static final int PROMETHEUS_PORT = 18_509;
    private static final String WINDOW = "15s";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<PayaraMicroProcess> instances = new ArrayList<>();
    private static Process prometheus;
    private static Database database;

    @BeforeAll
    static void startTwoInstancesAndPrometheus() throws Exception {
        Files.createDirectories(OUTPUT);
        database = PostgresServer.forTests().freshDatabase("coffer_prometheus");
        String members =
                "127.0.0.1:" + FIRST_CLUSTER_PORT + ",127.0.0.1:" + (FIRST_CLUSTER_PORT + 1);
        for (int i = 0; i < 2; i++) {
            instances.add(
                    PayaraMicroProcess.builder(FIRST_HTTP_PORT + i)
                            .database(database)
                            .loopbackCluster("metrics-" + (i + 1), members, FIRST_CLUSTER_PORT + i)
                            .jvmOption("-Xmx384m")
                            .environment("TASKS_TIME_SCALE", "0.01")
                            .environment("TASKS_LEASE_TTL", "PT3S")
                            .environment("TASKS_INSTANCE_TIMEOUT", "PT2S")
                            .environment("TASKS_CLAIM_GRACE", "PT2S")
                            .environment("DB_POOL_MAX_SIZE", "16")
                            .log(OUTPUT.resolve("metrics-" + (i + 1) + ".log"))
                            .start());
        }
        // Generous: on a loaded machine two instances starting at once took over 4 minutes.
        for (PayaraMicroProcess instance : instances) {
            instance.awaitReady(Duration.ofMinutes(10));
        }
        // After start-up, so its 1 s scrapes do not time out against instances still booting.
        prometheus = startPrometheus();
    }

    @AfterAll
    static void stop() {
        instances.forEach(PayaraMicroProcess::kill);
        if (prometheus != null) {
            prometheus.destroy();
        }
    }

    @Test
    void everyDashboardExpressionHasDataAndTheHistogramAgreesWithTheClients() throws Exception {
        Api api = new Api(instances.get(0).baseUri());
        long rich = api.openUser(1_000_000);
        long poor = api.openUser(0);
        assertThat(api.get("/balance/" + (poor + 1_000)).status()).isEqualTo(404);

        Instant loadFrom = Instant.now();
        CompletableFuture<Load.Result> keyed =
                CompletableFuture.supplyAsync(
                        () ->
                                new Load(instances.get(0).baseUri(), "balance/update")
                                        .closedLoop(
                                                1_500,
                                                8,
                                                i -> debit(rich, 1),
                                                i -> "replayed-" + i / 2));
        Load.Result mixed =
                new Load(instances.get(1).baseUri(), "balance/update")
                        .closedLoop(1_500, 8, i -> debit(i % 10 == 0 ? poor : rich, 1));
        Load.Result replays = keyed.join();
        Instant loadUntil = Instant.now();
        Thread.sleep(3_000); // a couple of scrapes past the end of the load

        assertThat(replays.byStatus()).containsOnlyKeys(200);
        assertThat(mixed.byStatus()).containsOnlyKeys(200, 400);
        List<String> empty = new ArrayList<>();
        for (String expression : dashboardExpressions()) {
            if (query(expression, loadUntil).isEmpty()) {
                empty.add(expression);
            }
        }
        assertThat(empty).as("dashboard expressions without data").isEmpty();

        long seconds = Math.max(5, Duration.between(loadFrom, loadUntil).toSeconds() + 1);
        double fromHistogram =
                1000
                        * value(
                                "histogram_quantile(0.5, sum by (le) (increase("
                                        + "coffer_http_requests_seconds_bucket{route=\"/balance/update\"}["
                                        + seconds
                                        + "s])))",
                                loadUntil);
        Latencies.Summary replaysMeasured = replays.latencies();
        Latencies.Summary mixedMeasured = mixed.latencies();
        double measured = (replaysMeasured.p50() + mixedMeasured.p50()) / 2;
        Files.writeString(
                OUTPUT.resolve("report.txt"),
                "load: "
                        + seconds
                        + " s; keyed "
                        + replaysMeasured
                        + "; mixed "
                        + mixedMeasured
                        + "\nmedian: clients "
                        + measured
                        + " ms, histogram_quantile "
                        + fromHistogram
                        + " ms\n");
        // The server's time excludes the network and the HTTP queue; the histogram interpolates
        // within a bucket (the buckets around a few ms are 2 to 2.5 times apart).
        assertThat(fromHistogram).isBetween(measured / 2.5, measured * 1.5 + 1);
    }

    private static Process startPrometheus() throws IOException, InterruptedException {
        try (var old = Files.walk(OUTPUT.resolve("data"))) {
            old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.nio.file.NoSuchFileException none) {
            // the first run here
        }
        Path config = OUTPUT.resolve("prometheus.yml");
        Files.writeString(
                config,
                """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: coffer
                    metrics_path: /prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d", "127.0.0.1:%d"]
                """
                        .formatted(FIRST_HTTP_PORT, FIRST_HTTP_PORT + 1));
        assertThat(promtool("check", "config", config.toString())).isZero();
        assertThat(promtool("check", "config", "docker/prometheus/prometheus.yml")).isZero();
        return new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + OUTPUT.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
                .redirectErrorStream(true)
                .redirectOutput(OUTPUT.resolve("prometheus.log").toFile())
                .start();
    }

    private static int promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(OUTPUT.resolve("promtool.log").toFile())
                .start()
                .waitFor();
    }

    /** Every query of the dashboard, over all instances and a window that fits 1 s scrapes. */
    /** TestTask1 is due every 3 s here; paused, no instance starts it, however overdue. */
    @Test
    void aPausedTaskStartsOnNeitherInstanceUntilResumed() throws Exception {
        await(() -> runsOf("TestTask1") > 0);
        assertThat(act(instances.get(0), "/tasks/TestTask1/pause").status()).isEqualTo(200);
        await(
                () ->
                        database.queryLong(
                                        "SELECT count(*) FROM tasks"
                                                + " WHERE name = 'TestTask1' AND is_running")
                                == 0);
        long runs = runsOf("TestTask1");
        database.update(
                "UPDATE tasks SET next_run_at = now() - interval '1 hour' WHERE name = 'TestTask1'");

        Instant until = Instant.now().plusSeconds(8);
        while (Instant.now().isBefore(until)) {
            assertThat(runsOf("TestTask1")).as("runs of the paused task").isEqualTo(runs);
            Thread.sleep(200);
        }

        assertThat(act(instances.get(1), "/tasks/TestTask1/resume").status()).isEqualTo(200);
        await(() -> runsOf("TestTask1") > runs);
    }

    private static long runsOf(String task) {
        return database.queryLong(
                "SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id"
                        + " WHERE t.name = ?",
                task);
    }

    private static Reply act(PayaraMicroProcess instance, String path) {
        Api api = new Api(instance.baseUri());
        return api.send(api.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited two minutes").isBefore(until);
            Thread.sleep(100);
        }
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonObject dashboard = json(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        for (JsonValue panel : dashboard.getJsonArray("panels")) {
            for (JsonValue target : panel.asJsonObject().getJsonArray("targets")) {
                expressions.add(
                        target.asJsonObject()
                                .getString("expr")
                                .replace("$instance", ".*")
                                .replace("$__rate_interval", WINDOW));
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
        return expressions;
    }

    private static double value(String expression, Instant at) throws Exception {
        JsonArray result = query(expression, at);
        assertThat(result).as(expression).hasSize(1);
        return Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
    }

    private static JsonArray query(String expression, Instant at) throws Exception {
        URI uri =
                URI.create(
                        "http://127.0.0.1:"
                                + PROMETHEUS_PORT
                                + "/api/v1/query?time="
                                + at.getEpochSecond()
                                + "&query="
                                + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(expression + ": " + response.body()).isEqualTo(200);
        return json(response.body()).getJsonObject("data").getJsonArray("result");
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String debit(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": -" + amount + "}";
    }
}

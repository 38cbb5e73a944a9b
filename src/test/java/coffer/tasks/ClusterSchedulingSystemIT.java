package coffer.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real cluster: Payara Micro processes on loopback forming one Hazelcast cluster, sharing one
 * PostgreSQL, running the ten tasks at time scale 0.01 (a 5-minute interval takes 3 s, a 2-minute
 * run 1.2 s). It runs three instances steadily, adds a fourth, kills one with SIGKILL while it runs
 * a task, stops the rest gracefully, and then proves from {@code task_history} what the cluster
 * promises. The figures go to {@code target/cluster-report.txt}.
 */
class ClusterSchedulingSystemIT {

    private static final double TIME_SCALE = 0.01;
    private static final Duration LEASE_TTL = Duration.ofSeconds(6);
    // Four ticks: three booting JVMs on two cores can keep a tick busy for seconds, and an
    // instance whose heartbeat ages past this meanwhile would lose its share of the first runs.
    private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration CLAIM_GRACE = Duration.ofSeconds(4);
    private static final Duration TIMER_PERIOD = Duration.ofSeconds(1);
    private static final Duration STEADY = Duration.ofSeconds(45);
    private static final Duration AFTER_JOIN = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_SLACK = Duration.ofSeconds(2);
    private static final int FIRST_HTTP_PORT = 18_281;
    private static final int FIRST_CLUSTER_PORT = 16_950;
    private static final int MAX_INSTANCES = 4;
    private static final Path OUTPUT = Path.of("target", "cluster");

    private final Database database = PostgresServer.forTests().freshDatabase("coffer_cluster");
    private final Map<String, PayaraMicroProcess> nodes = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();

    @Test
    void tenTasksRunOnceAtATimeEvenlyAndSurviveACrash() throws Exception {
        Files.createDirectories(OUTPUT);
        startAndAwait(List.of("node-1", "node-2", "node-3"));
        Instant steadyFrom = databaseNow().plusSeconds(2);
        Thread.sleep(STEADY.plusSeconds(2).toMillis());
        Instant steadyUntil = databaseNow();

        startAndAwait(List.of("node-4"));
        Instant joinedFrom = databaseNow();
        Thread.sleep(AFTER_JOIN.toMillis());
        Instant joinedUntil = databaseNow();

        Crash crash = killWhileRunningATask();
        Run takeover = awaitTakeover(crash);
        Thread.sleep(5_000);
        assertApiShowsTheCluster(crash.node());
        stopAllGracefully();

        List<Run> runs = testTaskRuns();
        assertThat(runs).as("runs in total").hasSizeGreaterThanOrEqualTo(50);
        assertHistoryIsComplete(runs);
        assertNoTaskRanTwiceAtOnce(runs);
        assertSharedFromTheStart(runs);
        assertEvenlySpread(runs, steadyFrom, steadyUntil, List.of("node-1", "node-2", "node-3"));
        assertLateJoinerGetsItsShare(runs, joinedFrom, joinedUntil);
        // Until the crash: the crashed task's lease then holds it for a while, and its takeover
        // re-runs the dead run's turn, both by design.
        assertCountsFollowTheIntervals(runs, steadyFrom, crash.at());
        assertCrashRecovered(crash, takeover);
        writeReport();
    }

    /** The test stops its nodes itself; this is for when it fails half-way. */
    @AfterEach
    void killLeftovers() {
        nodes.values().stream()
                .filter(PayaraMicroProcess::isAlive)
                .forEach(PayaraMicroProcess::kill);
    }

    private void startAndAwait(List<String> names) {
        String members =
                IntStream.range(0, MAX_INSTANCES)
                        .mapToObj(i -> "127.0.0.1:" + (FIRST_CLUSTER_PORT + i))
                        .collect(Collectors.joining(","));
        Map<String, Instant> started = new LinkedHashMap<>();
        for (String name : names) {
            int index = Integer.parseInt(name.substring(name.indexOf('-') + 1)) - 1;
            PayaraMicroProcess node =
                    PayaraMicroProcess.builder(FIRST_HTTP_PORT + index)
                            .database(database)
                            .cluster(name, members)
                            .microOption(
                                    "--startport", Integer.toString(FIRST_CLUSTER_PORT + index))
                            .microOption("--interfaces", "127.0.0.1")
                            .jvmOption("-Xmx384m")
                            .environment("TASKS_TIME_SCALE", Double.toString(TIME_SCALE))
                            .environment("TASKS_LEASE_TTL", LEASE_TTL.toString())
                            .environment("TASKS_INSTANCE_TIMEOUT", INSTANCE_TIMEOUT.toString())
                            .environment("TASKS_CLAIM_GRACE", CLAIM_GRACE.toString())
                            // Each run holds a connection and renews in a transaction of its
                            // own; four runs at once must leave readiness one to check with.
                            .environment("DB_POOL_MAX_SIZE", "16")
                            .log(OUTPUT.resolve(name + ".log"))
                            .start();
            nodes.put(name, node);
            started.put(name, Instant.now());
        }
        for (String name : names) {
            nodes.get(name).awaitReady(Duration.ofMinutes(4));
            note(
                    name
                            + " ready "
                            + Duration.between(started.get(name), Instant.now()).toMillis() / 1000.0
                            + " s after start ("
                            + names.size()
                            + " starting at once on this machine), "
                            + nodes.get(name).residentMegabytes()
                            + " MiB resident");
        }
    }

    private Crash killWhileRunningATask() throws Exception {
        Api observer = new Api(nodes.get("node-1").baseUri());
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (var instance : observer.get("/instances").jsonArray()) {
                var json = instance.asJsonObject();
                String name = json.getString("name");
                // One of the ten tasks: the checks read their history only.
                Optional<String> running =
                        json
                                .getJsonArray("runningTasks")
                                .getValuesAs(JsonString::getString)
                                .stream()
                                .filter(task -> task.startsWith("TestTask"))
                                .findFirst();
                if (!name.equals("node-1")
                        && nodes.containsKey(name)
                        && running.isPresent()
                        && justStarted(name, running.get())) {
                    String task = running.get();
                    nodes.get(name).kill();
                    Instant killedAt = databaseNow();
                    note("crash: SIGKILL " + name + " while it ran " + task);
                    return new Crash(name, task, killedAt);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No instance but node-1 ran a task within a minute");
    }

    /**
     * Whether the node's run of the task began less than half a second ago by the database clock,
     * so that the kill lands inside it (a run takes at least 1.2 s here): the instances list can be
     * a heartbeat old, and a run that ended before the kill would prove no takeover.
     */
    private boolean justStarted(String node, String task) {
        Instant now = databaseNow();
        return testTaskRuns().stream()
                .filter(run -> run.task().equals(task) && run.instance().equals(node))
                .anyMatch(
                        run ->
                                run.finished() == null
                                        && Duration.between(run.started(), now).toMillis() < 500);
    }

    private Run awaitTakeover(Crash crash) throws Exception {
        Instant deadline = Instant.now().plus(LEASE_TTL).plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<Run> after =
                    testTaskRuns().stream()
                            .filter(run -> run.task().equals(crash.task()))
                            .filter(run -> run.started().isAfter(crash.at()))
                            .toList();
            if (!after.isEmpty()) {
                return after.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Nobody took over " + crash.task() + " from " + crash.node());
    }

    private void assertApiShowsTheCluster(String crashed) {
        Api api = new Api(nodes.get("node-1").baseUri());
        Map<String, String> statuses =
                api.get("/instances").jsonArray().stream()
                        .map(value -> value.asJsonObject())
                        .collect(
                                Collectors.toMap(
                                        json -> json.getString("name"),
                                        json -> json.getString("status")));
        assertThat(statuses).containsEntry(crashed, "SILENT");
        nodes.keySet().stream()
                .filter(name -> !name.equals(crashed))
                .forEach(name -> assertThat(statuses).containsEntry(name, "LIVE"));
        var overview = api.get("/tasks").json();
        assertThat(
                        overview.getJsonArray("tasks").stream()
                                .map(value -> value.asJsonObject().getString("name"))
                                .filter(name -> name.startsWith("TestTask")))
                .hasSize(10);
        assertThat(
                        overview.getJsonArray("tasks").stream()
                                .map(value -> value.asJsonObject().getString("status")))
                .allMatch(List.of("RUNNING", "WAITING", "IDLE")::contains);
    }

    private void stopAllGracefully() {
        nodes.values().parallelStream()
                .filter(PayaraMicroProcess::isAlive)
                .forEach(PayaraMicroProcess::stop);
    }

    private void assertNoTaskRanTwiceAtOnce(List<Run> runs) {
        int overlaps = 0;
        for (List<Run> ofTask : byTask(runs).values()) {
            for (int i = 1; i < ofTask.size(); i++) {
                if (ofTask.get(i).started().isBefore(ofTask.get(i - 1).finished())) {
                    overlaps++;
                }
            }
        }
        note("1. overlapping runs of one task: " + overlaps + " in " + runs.size() + " runs");
        assertThat(overlaps).isZero();
    }

    private void assertHistoryIsComplete(List<Run> runs) {
        Map<String, Long> byStatus =
                runs.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Run::status, TreeMap::new, Collectors.counting()));
        note("3. runs by final status: " + byStatus);
        assertThat(runs)
                .allSatisfy(
                        run -> {
                            assertThat(run.instance()).isNotBlank();
                            assertThat(run.finished()).isNotNull().isAfterOrEqualTo(run.started());
                            assertThat(run.status())
                                    .isIn("SUCCEEDED", "FAILED", "ABANDONED", "INTERRUPTED");
                        });
        assertThat(runs)
                .filteredOn(run -> run.status().equals("SUCCEEDED"))
                .allSatisfy(
                        run ->
                                assertThat(Duration.between(run.started(), run.finished()))
                                        .isGreaterThanOrEqualTo(Duration.ofMillis(1_200)));
    }

    private void assertEvenlySpread(
            List<Run> runs, Instant from, Instant until, List<String> instances) {
        Map<String, Long> perInstance = countPerInstance(runs, from, until, instances);
        double mean =
                perInstance.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        note(
                "2. runs per instance, 3 instances, "
                        + seconds(from, until)
                        + " s: "
                        + perInstance
                        + " (mean "
                        + round(mean)
                        + ", allowed +-"
                        + round(1 + 0.25 * mean)
                        + ")");
        assertThat(perInstance.values())
                .allSatisfy(
                        count -> {
                            assertThat(count).isPositive();
                            assertThat(Math.abs(count - mean)).isLessThanOrEqualTo(1 + 0.25 * mean);
                        });
    }

    /**
     * The ten tasks are all due when the cluster starts, and the three instances deploy seconds
     * apart: the first runs must still be shared, not all taken by the first instance up.
     */
    private void assertSharedFromTheStart(List<Run> runs) {
        Map<String, Long> firstRuns =
                byTask(runs).values().stream()
                        .map(ofTask -> ofTask.get(0))
                        .collect(
                                Collectors.groupingBy(
                                        Run::instance, TreeMap::new, Collectors.counting()));
        note(
                "2. first run of each task, 3 instances started at once: "
                        + firstRuns
                        + ", registered at (s after the first) "
                        + registrationOffsets());
        assertThat(firstRuns).containsOnlyKeys("node-1", "node-2", "node-3");
        assertThat(firstRuns.values())
                .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
    }

    private void assertLateJoinerGetsItsShare(List<Run> runs, Instant from, Instant until) {
        List<String> instances = List.of("node-1", "node-2", "node-3", "node-4");
        Map<String, Long> perInstance = countPerInstance(runs, from, until, instances);
        double mean =
                perInstance.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        note(
                "5. runs per instance after node-4 joined, "
                        + seconds(from, until)
                        + " s: "
                        + perInstance
                        + " (mean "
                        + round(mean)
                        + ")");
        assertThat(perInstance.get("node-4"))
                .isGreaterThanOrEqualTo(Math.round(Math.floor(mean - (1 + 0.25 * mean))));
        assertThat(perInstance.values()).allSatisfy(count -> assertThat(count).isPositive());
    }

    private void assertCountsFollowTheIntervals(List<Run> runs, Instant from, Instant until) {
        Map<String, Long> intervals = intervalsInSeconds();
        List<String> lines = new ArrayList<>();
        byTask(runs)
                .forEach(
                        (task, ofTask) -> {
                            double interval = intervals.get(task) * TIME_SCALE;
                            long counted =
                                    ofTask.stream()
                                            .filter(
                                                    run ->
                                                            !run.started().isBefore(from)
                                                                    && run.started()
                                                                            .isBefore(until))
                                            .count();
                            double expected = seconds(from, until) / interval;
                            lines.add(task + " " + counted + "/" + round(expected));
                            // A window cuts a run at each edge, and a tick late on a busy
                            // machine moves one across it: two either way (one failed by 0.06).
                            assertThat((double) counted)
                                    .as(task)
                                    .isBetween(expected - 2, expected + 2);
                        });
        note("3. runs per task in " + seconds(from, until) + " s, counted/expected: " + lines);
    }

    private void assertCrashRecovered(Crash crash, Run takeover) {
        Run dead =
                testTaskRuns().stream()
                        .filter(
                                run ->
                                        run.task().equals(crash.task())
                                                && run.instance().equals(crash.node())
                                                && !run.started().isAfter(crash.at()))
                        .reduce((first, second) -> second)
                        .orElseThrow();
        double takenOverAfter =
                Duration.between(crash.at(), takeover.started()).toMillis() / 1000.0;
        note(
                "4. "
                        + crash.task()
                        + " taken over by "
                        + takeover.instance()
                        + " "
                        + takenOverAfter
                        + " s after the SIGKILL (lease "
                        + LEASE_TTL.toSeconds()
                        + " s + timer "
                        + TIMER_PERIOD.toSeconds()
                        + " s); the dead run ended "
                        + dead.status());
        assertThat(dead.status()).isEqualTo("ABANDONED");
        assertThat(takeover.instance()).isNotEqualTo(crash.node());
        // The promise is lease + one tick; the slack is for a loaded machine whose tick fires
        // late (the measured figure is in the report).
        assertThat(Duration.between(crash.at(), takeover.started()))
                .isLessThanOrEqualTo(LEASE_TTL.plus(TIMER_PERIOD).plus(TAKEOVER_SLACK));
    }

    private Map<String, Long> countPerInstance(
            List<Run> runs, Instant from, Instant until, List<String> instances) {
        Map<String, Long> perInstance = new TreeMap<>();
        instances.forEach(name -> perInstance.put(name, 0L));
        runs.stream()
                .filter(run -> !run.started().isBefore(from) && run.started().isBefore(until))
                .forEach(run -> perInstance.merge(run.instance(), 1L, Long::sum));
        return perInstance;
    }

    private static Map<String, List<Run>> byTask(List<Run> runs) {
        return runs.stream()
                .collect(Collectors.groupingBy(Run::task, TreeMap::new, Collectors.toList()));
    }

    private List<Run> testTaskRuns() {
        String sql =
                """
                SELECT t.name, i.name, h.status, h.started_at, h.finished_at
                FROM task_history h JOIN tasks t ON t.id = h.task_id
                    JOIN instances i ON i.id = h.instance_id
                WHERE t.name LIKE 'TestTask%' ORDER BY h.started_at, h.id""";
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            List<Run> runs = new ArrayList<>();
            while (rows.next()) {
                Timestamp finished = rows.getTimestamp(5);
                runs.add(
                        new Run(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getTimestamp(4).toInstant(),
                                finished == null ? null : finished.toInstant()));
            }
            return runs;
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /**
     * When each instance registered, in seconds after the first: what a failed share depends on.
     */
    private Map<String, Double> registrationOffsets() {
        String sql =
                """
                SELECT name, extract(epoch FROM started_at - min(started_at) OVER ())
                FROM instances ORDER BY name""";
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            Map<String, Double> offsets = new TreeMap<>();
            while (rows.next()) {
                offsets.put(rows.getString(1), round(rows.getDouble(2)));
            }
            return offsets;
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private Map<String, Long> intervalsInSeconds() {
        try (Connection connection = database.connect();
                ResultSet rows =
                        connection
                                .createStatement()
                                .executeQuery("SELECT name, interval_seconds FROM tasks")) {
            Map<String, Long> intervals = new TreeMap<>();
            while (rows.next()) {
                intervals.put(rows.getString(1), rows.getLong(2));
            }
            return intervals;
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private Instant databaseNow() {
        try (Connection connection = database.connect();
                ResultSet now = connection.createStatement().executeQuery("SELECT now()")) {
            now.next();
            return now.getTimestamp(1).toInstant();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private void note(String line) {
        System.out.println(line);
        report.add(line);
    }

    private void writeReport() throws IOException {
        Files.write(Path.of("target", "cluster-report.txt"), report);
    }

    private static double seconds(Instant from, Instant until) {
        return Duration.between(from, until).toMillis() / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private record Crash(String node, String task, Instant at) {}

    private record Run(
            String task, String instance, String status, Instant started, Instant finished) {}
}

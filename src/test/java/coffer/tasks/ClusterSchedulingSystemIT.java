package coffer.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * A real cluster: Payara Micro processes on loopback forming one Hazelcast cluster, sharing one
 * PostgreSQL, running the ten tasks at time scale 0.01 (a 5-minute interval takes 3 s, a 2-minute
 * run 1.2 s). Once per class, it runs three instances steadily, adds a fourth, kills one with
 * SIGKILL while it runs a task, stops another gracefully while it runs one, and stops the rest;
 * each test then proves one promise from what the database recorded. Besides {@code task_history},
 * a trigger logs every write to a run's row with the database clock, so the tests can see a write a
 * superseded run made after another run had taken its task over. The two windows over which the
 * spread is measured are observation windows, not waits for something to happen. The figures go to
 * {@code target/cluster-report.txt}.
 */
@TestInstance(Lifecycle.PER_CLASS)
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

    private Instant steadyFrom;
    private Instant steadyUntil;
    private Instant joinedFrom;
    private Instant joinedUntil;
    private Ended crash;
    private Run takeover;
    private Ended stop;
    private Run handedOn;
    private Map<String, String> statusesAfterTheCrash;
    private List<String> taskStatusesAfterTheCrash;
    private List<Run> runs;

    @BeforeAll
    void runTheCluster() throws Exception {
        Files.createDirectories(OUTPUT);
        startAndAwait(List.of("node-1", "node-2", "node-3"), this::logRunWrites);
        steadyFrom = databaseNow().plusSeconds(2);
        Thread.sleep(STEADY.plusSeconds(2).toMillis());
        steadyUntil = databaseNow();

        startAndAwait(List.of("node-4"), () -> {});
        joinedFrom = databaseNow();
        Thread.sleep(AFTER_JOIN.toMillis());
        joinedUntil = databaseNow();

        crash = whileRunningATask(PayaraMicroProcess::kill, "SIGKILL");
        takeover = awaitNextRun(crash, LEASE_TTL.plusSeconds(30));
        awaitSilent(crash.node());
        Api api = new Api(nodes.get("node-1").baseUri());
        statusesAfterTheCrash = statuses(api);
        taskStatusesAfterTheCrash =
                api.get("/tasks").json().getJsonArray("tasks").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(task -> task.getString("name").startsWith("TestTask"))
                        .map(task -> task.getString("status"))
                        .toList();

        stop = whileRunningATask(PayaraMicroProcess::stop, "SIGTERM");
        handedOn = awaitNextRun(stop, Duration.ofSeconds(30));
        stopAllGracefully();
        runs = testTaskRuns();
    }

    /** The test stops its nodes itself; this is for when it fails half-way. */
    @AfterAll
    void killLeftovers() throws IOException {
        nodes.values().stream()
                .filter(PayaraMicroProcess::isAlive)
                .forEach(PayaraMicroProcess::kill);
        writeReport();
    }

    /** Starts the instances at once; runs {@code whenFirstIsReady} as soon as the first is. */
    private void startAndAwait(List<String> names, Runnable whenFirstIsReady) {
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
            if (name.equals(names.get(0))) {
                whenFirstIsReady.run();
            }
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

    /**
     * Does that to an instance other than node-1 inside a run of one of the ten tasks that began
     * moments ago, by the database clock.
     */
    private Ended whileRunningATask(Consumer<PayaraMicroProcess> end, String how) throws Exception {
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
                        && nodes.get(name).isAlive()
                        && json.getString("status").equals("LIVE")
                        && running.isPresent()
                        && justStarted(name, running.get())) {
                    String task = running.get();
                    Instant at = databaseNow();
                    end.accept(nodes.get(name));
                    note(how + " " + name + " while it ran " + task);
                    return new Ended(name, task, at);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No live instance but node-1 ran a task within a minute");
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

    /** The first run of the task that started after the instance was ended. */
    private Run awaitNextRun(Ended crash, Duration atMost) throws Exception {
        Instant deadline = Instant.now().plus(atMost);
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

    /**
     * Until node-1 lists the crashed instance as SILENT: its heartbeat has aged past the timeout.
     */
    private void awaitSilent(String node) throws Exception {
        Api api = new Api(nodes.get("node-1").baseUri());
        Instant deadline = Instant.now().plus(INSTANCE_TIMEOUT).plusSeconds(30);
        while (!"SILENT".equals(statuses(api).get(node))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(node + " is not listed SILENT: " + statuses(api));
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, String> statuses(Api api) {
        return api.get("/instances").jsonArray().stream()
                .map(JsonValue::asJsonObject)
                .collect(
                        Collectors.toMap(
                                json -> json.getString("name"),
                                json -> json.getString("status"),
                                (older, newer) -> newer));
    }

    @Test
    void theApiListsTheCrashedInstanceSilentAndTheOthersLive() {
        assertThat(statusesAfterTheCrash).containsEntry(crash.node(), "SILENT");
        nodes.keySet().stream()
                .filter(name -> !name.equals(crash.node()))
                .forEach(name -> assertThat(statusesAfterTheCrash).containsEntry(name, "LIVE"));
        assertThat(taskStatusesAfterTheCrash)
                .hasSize(10)
                .allMatch(List.of("RUNNING", "WAITING", "IDLE")::contains);
    }

    /**
     * Logs every write to a row of {@code task_history} with the database clock of the statement.
     * Installed once the first instance has migrated the schema: the cluster claims nothing before
     * all three have registered, so the log sees the first runs.
     */
    private void logRunWrites() {
        database.update(
                """
                CREATE TABLE coffer_test_run_writes (
                    run_id bigint, task_id int, what text, at timestamptz DEFAULT clock_timestamp());
                CREATE FUNCTION coffer_test_log_run_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO coffer_test_run_writes (run_id, task_id, what)
                        VALUES (NEW.id, NEW.task_id, TG_OP || ' ' || NEW.status);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER coffer_test_log_run_write AFTER INSERT OR UPDATE ON task_history
                    FOR EACH ROW EXECUTE FUNCTION coffer_test_log_run_write();""");
    }

    private void stopAllGracefully() {
        nodes.values().parallelStream()
                .filter(PayaraMicroProcess::isAlive)
                .forEach(PayaraMicroProcess::stop);
    }

    @Test
    void noTaskRunsTwiceAtOnce() {
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

    @Test
    void everyRunEndsInTheHistoryWithItsInstanceAndStatus() {
        assertThat(runs).as("runs in total").hasSizeGreaterThanOrEqualTo(50);
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

    @Test
    void runsSpreadEvenlyOverThreeInstances() {
        Instant from = steadyFrom;
        Instant until = steadyUntil;
        Map<String, Long> perInstance =
                countPerInstance(from, until, List.of("node-1", "node-2", "node-3"));
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
    @Test
    void theFirstRunsAreSharedByInstancesStartedAtOnce() {
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

    @Test
    void aLateJoinerGetsItsShare() {
        Instant from = joinedFrom;
        Instant until = joinedUntil;
        List<String> instances = List.of("node-1", "node-2", "node-3", "node-4");
        Map<String, Long> perInstance = countPerInstance(from, until, instances);
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

    /**
     * Until the crash: the crashed task's lease then holds it for a while, and its takeover re-runs
     * the dead run's turn, both by design.
     */
    @Test
    void eachTaskRunsAsOftenAsItsIntervalSays() {
        Instant from = steadyFrom;
        Instant until = crash.at();
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

    @Test
    void aCrashedRunIsAbandonedAndTakenOverWithinTheLeaseAndATick() {
        Run dead = runEndedBy(crash);
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

    @Test
    void aRunStoppedGracefullyIsInterruptedAndItsTaskHandedOnAtOnce() {
        Run stopped = runEndedBy(stop);
        note(
                "6. "
                        + stop.task()
                        + " handed on to "
                        + handedOn.instance()
                        + " "
                        + seconds(stop.at(), handedOn.started())
                        + " s after the SIGTERM; the stopped run ended "
                        + stopped.status());
        assertThat(stopped.status()).isEqualTo("INTERRUPTED");
        assertThat(handedOn.instance()).isNotEqualTo(stop.node());
        assertThat(handedOn.started()).isAfterOrEqualTo(stopped.finished());
        // Due at once, so long before the lease would have expired.
        assertThat(Duration.between(stop.at(), handedOn.started())).isLessThan(LEASE_TTL);
    }

    /**
     * The fence, seen in the rows: no run's row is written after a later run of its task was
     * recorded, except by whoever abandoned it (which happens before its own claim). A superseded
     * run that went on writing, its progress or its end, would show here even when the timestamps
     * of the history look sequential.
     */
    @Test
    void noRunWritesAfterAnotherRunOfItsTaskBegan() {
        long superseded =
                database.queryLong(
                        """
                        SELECT count(*) FROM coffer_test_run_writes w
                        JOIN coffer_test_run_writes later ON later.task_id = w.task_id
                            AND later.run_id > w.run_id AND later.what = 'INSERT RUNNING'
                        WHERE w.at > later.at AND w.what <> 'UPDATE ABANDONED'""");
        long writes = database.queryLong("SELECT count(*) FROM coffer_test_run_writes");
        note(
                "1. writes to a run's row after a later run of its task began: "
                        + superseded
                        + " in "
                        + writes
                        + " writes");
        assertThat(writes).isPositive();
        assertThat(superseded).isZero();
    }

    /** The run of the task on the instance that was under way when the instance was ended. */
    private Run runEndedBy(Ended end) {
        return runs.stream()
                .filter(
                        run ->
                                run.task().equals(end.task())
                                        && run.instance().equals(end.node())
                                        && !run.started().isAfter(end.at()))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private Map<String, Long> countPerInstance(
            Instant from, Instant until, List<String> instances) {
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

    /** An instance ended (killed or stopped) while it ran the task. */
    private record Ended(String node, String task, Instant at) {}

    private record Run(
            String task, String instance, String status, Instant started, Instant finished) {}
}

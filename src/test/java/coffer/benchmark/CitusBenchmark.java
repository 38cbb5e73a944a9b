package coffer.benchmark;

import coffer.testing.Api;
import coffer.testing.CitusCluster;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * {@code -Dbench.suite=citus}: what Citus costs and gives on this machine. Coffer runs on plain
 * PostgreSQL and then on a Citus cluster (a coordinator and two workers on loopback), in the same
 * run, launched the same way ({@link Benchmark#startCoffer}), both durable (fsync and synchronous
 * commit on). On each: small changes spread over 1000 users at 16 and 64 connections, then one hot
 * user at 64, each warmed until its throughput settles ({@link ClosedLoop#warmUp}) and measured for
 * {@code -Dbench.duration} seconds, then the reference test, checked exact. Besides Payara's CPU
 * per request it takes the database's: the server's processes on plain PostgreSQL, the
 * coordinator's and the workers' on Citus, because the coordinator's share is what every statement
 * pays for being routed, and the figure a plan for more machines needs. On one machine Citus can
 * only show that cost: its gain is spreading users over worker machines. Writes {@code
 * target/benchmark/citus-report.md}.
 */
final class CitusBenchmark {

    private static final Path WORK = Path.of("target", "benchmark");
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.duration", 60));
    private static final int USERS = Integer.getInteger("bench.users", 1000);
    private static final long RICH = 1_000_000_000_000L;
    private static final int COORDINATOR = 19_020;

    /** One workload's measured run on one database: the result and the CPU it took per request. */
    private record Cell(Load.Result result, double payaraMs, Map<String, Double> databaseMs) {

        double databaseMsTotal() {
            return databaseMs.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        @Override
        public String toString() {
            return "%.0f req/s; %s; CPU ms/req: Payara %.3f, %s"
                    .formatted(
                            result.throughput(),
                            result.latencies(),
                            payaraMs,
                            databaseMs.entrySet().stream()
                                    .map(e -> "%s %.3f".formatted(e.getKey(), e.getValue()))
                                    .collect(Collectors.joining(" + ")));
        }
    }

    private final Curve curve;
    private final Map<String, DoubleSupplier> databaseCpu;
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private CitusBenchmark(Curve curve, Map<String, DoubleSupplier> databaseCpu) {
        this.curve = curve;
        this.databaseCpu = databaseCpu;
    }

    static void run() throws Exception {
        Files.createDirectories(WORK);
        CitusBenchmark plain;
        PostgresServer postgres = PostgresServer.benchmark(WORK.resolve("pgdata"), "on");
        try {
            plain =
                    on(
                            postgres.freshDatabase("coffer_bench"),
                            "plain",
                            18_940,
                            Map.of("PostgreSQL", postgres::cpuSeconds));
        } finally {
            postgres.stop();
        }
        CitusBenchmark citus;
        try (CitusCluster cluster = CitusCluster.durable(COORDINATOR, 19_021, 19_022)) {
            Map<String, DoubleSupplier> cpu = new LinkedHashMap<>();
            cpu.put("coordinator", () -> cluster.cpuSeconds(COORDINATOR));
            cpu.put(
                    "workers",
                    () -> cluster.workers().stream().mapToDouble(cluster::cpuSeconds).sum());
            citus = on(cluster.database(), "citus", 18_941, cpu);
        }
        List<String> report = new ArrayList<>();
        report.add(
                "# Coffer on Citus beside plain PostgreSQL\n\n"
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, everything on loopback. Plain: embedded PostgreSQL 15"
                        + " (zonky). Citus: Debian's PostgreSQL 15 with Citus, a coordinator and two"
                        + " workers. Both fsync and synchronous_commit on. Coffer as the main"
                        + " benchmark launches it. Closed loop; each spread and hot run warmed until"
                        + " its throughput settles, then measured for "
                        + MEASURED.toSeconds()
                        + " s. CPU is per request, from /proc: Payara's process, and the database"
                        + " server's processes (postmaster and backends).\n");
        report.add("| workload | plain PostgreSQL | Citus | Citus ÷ plain |");
        report.add("|---|---|---|---|");
        plain.cells.forEach(
                (workload, cell) -> {
                    Cell other = citus.cells.get(workload);
                    report.add(
                            ("| %s | %s | %s | %.2fx req/s; CPU per request: Payara %.2fx,"
                                            + " database %.2fx |")
                                    .formatted(
                                            workload,
                                            cell,
                                            other,
                                            other.result().throughput()
                                                    / cell.result().throughput(),
                                            other.payaraMs() / cell.payaraMs(),
                                            other.databaseMsTotal() / cell.databaseMsTotal()));
                });
        report.add("\n## Warm-ups and checks\n");
        plain.notes.forEach(note -> report.add("- plain: " + note));
        citus.notes.forEach(note -> report.add("- Citus: " + note));
        report.add("\n## The curves\n");
        report.addAll(plain.curve.table());
        report.add("");
        report.addAll(citus.curve.table());
        report.forEach(System.out::println);
        Files.write(WORK.resolve("citus-report.md"), report);
    }

    /** Coffer on one database, measured; stopped before the next one starts. */
    private static CitusBenchmark on(
            Database database, String name, int port, Map<String, DoubleSupplier> databaseCpu)
            throws Exception {
        long start = System.nanoTime();
        PayaraMicroProcess coffer = Benchmark.startCoffer(database, WORK, port, "payara-" + name);
        try {
            coffer.awaitReady(Duration.ofMinutes(10));
            CitusBenchmark bench =
                    new CitusBenchmark(
                            new Curve("Payara on " + name, start, coffer::cpuSeconds), databaseCpu);
            bench.measure(coffer);
            return bench;
        } finally {
            coffer.stop();
        }
    }

    private void measure(PayaraMicroProcess coffer) {
        Api api = new Api(coffer.baseUri());
        Load load = new Load(coffer.baseUri(), "balance/update");
        long[] users = LongStream.range(0, USERS).map(i -> api.openUser(1_000_000_000)).toArray();
        for (int connections : new int[] {16, 64}) {
            settled(
                    "Spread: small changes over " + USERS + " users, " + connections + " conn.",
                    new ClosedLoop(load, connections, i -> Benchmark.change(users)));
        }
        long[] hot = {api.openUser(RICH)};
        settled(
                "Hot row: small changes of one user, 64 conn.",
                new ClosedLoop(load, 64, i -> Benchmark.change(hot)));
        long user = api.openUser(10_000);
        String workload = "Reference test: 10,000 debits of 2 from 10,000, 64 conn.";
        Cell reference =
                measured(
                        workload, () -> load.closedLoop(10_000, 64, i -> Benchmark.debit(user, 2)));
        long balance = api.balanceOf(user);
        boolean exact =
                reference.result().byStatus().equals(Map.of(200, 5_000L, 400, 5_000L))
                        && balance == 0;
        notes.add(
                "reference test "
                        + (exact ? "exact" : "NOT EXACT")
                        + ": "
                        + Benchmark.statuses(reference.result())
                        + ", final balance "
                        + balance);
    }

    private void settled(String workload, ClosedLoop loop) {
        WarmUp warmUp = loop.warmUp(curve, workload);
        Cell cell = measured(workload, () -> loop.runFor(MEASURED));
        notes.add(workload + ": " + warmUp + "; measured " + Benchmark.statuses(cell.result()));
    }

    /** Runs it on the curve and takes the database's CPU around it. */
    private Cell measured(String workload, Supplier<Load.Result> run) {
        Map<String, Double> before = new LinkedHashMap<>();
        databaseCpu.forEach((node, cpu) -> before.put(node, cpu.getAsDouble()));
        Curve.Point point = curve.run(workload + ", measured", run);
        Map<String, Double> msPerRequest = new LinkedHashMap<>();
        databaseCpu.forEach(
                (node, cpu) ->
                        msPerRequest.put(
                                node,
                                (cpu.getAsDouble() - before.get(node))
                                        * 1000
                                        / point.result().requests()));
        Cell cell = new Cell(point.result(), point.cpuMsPerRequest(), msPerRequest);
        cells.put(workload, cell);
        return cell;
    }
}

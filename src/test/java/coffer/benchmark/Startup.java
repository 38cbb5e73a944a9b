package coffer.benchmark;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * {@code ./mvnw -Pbenchmark -Dbench.suite=startup}: a new instance's first minute, under several
 * launches ({@code -Dbench.startup.launches=jdk17,jdk17-warmup,...}, all by default), each {@code
 * -Dbench.startup.runs} times (2): the time from process start to ready, in wall and in process CPU
 * seconds (the second is what a busy machine does not blur), then either the HighLoad Balance App's
 * Artillery burst at once (S1: 1000 new connections a second for 10 s, each a debit of 2 on a user
 * holding 10000) or, for the {@code -curve} launches, throughput of the spread route per 10 s
 * window for the first minute after ready (wrk, 64 connections, 200 users). The class data sharing
 * and AOT cache launches first make their archive in a training run (boot, S1, stop). Writes {@code
 * target/benchmark/startup-report.md}.
 */
final class Startup {

    static final Path JDK25 =
            Path.of(System.getProperty("bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final Path JDK17 = Path.of(System.getProperty("java.home"));
    private static final int RUNS = Integer.getInteger("bench.startup.runs", 2);
    private static final int WINDOWS = 6;

    private final Path work = Path.of("target", "benchmark", "startup");
    private final List<String> report = new ArrayList<>();
    private final Database database;
    private int port = 18_490;

    private Startup(Database database) {
        this.database = database;
    }

    static void run() throws Exception {
        Path work = Path.of("target", "benchmark", "startup");
        Files.createDirectories(work);
        PostgresServer postgres =
                System.getenv("DB_URL") != null
                        ? PostgresServer.forTests()
                        : PostgresServer.benchmark(work.resolve("pgdata"), "on");
        try {
            new Startup(postgres.freshDatabase("coffer_startup")).measure();
        } finally {
            postgres.stop();
        }
    }

    private void measure() throws Exception {
        Path cds = work.resolve("coffer.jsa").toAbsolutePath();
        Path aot = work.resolve("coffer.aot").toAbsolutePath();
        List<Launch> launches =
                List.of(
                        Launch.plain("jdk17", JDK17, false),
                        Launch.plain("jdk17-warmup", JDK17, true),
                        Launch.plain("jdk25", JDK25, false),
                        Launch.plain("jdk25-warmup", JDK25, true),
                        Launch.trained(
                                "jdk25-appcds",
                                false,
                                "-XX:ArchiveClassesAtExit=" + cds,
                                "-XX:SharedArchiveFile=" + cds),
                        Launch.trained(
                                "jdk25-aot",
                                false,
                                "-XX:AOTCacheOutput=" + aot,
                                "-XX:AOTCache=" + aot),
                        Launch.trained(
                                "jdk25-aot-warmup",
                                true,
                                "-XX:AOTCacheOutput=" + aot,
                                "-XX:AOTCache=" + aot),
                        Launch.curve("jdk17-tiered-curve", List.of()),
                        Launch.curve("jdk17-c1-curve", List.of("-XX:TieredStopAtLevel=1")));
        List<String> chosen =
                Arrays.asList(
                        System.getProperty(
                                        "bench.startup.launches",
                                        String.join(
                                                ",", launches.stream().map(Launch::name).toList()))
                                .split(","));
        note("# A new instance's first minute\n");
        note("| launch | run | to ready, wall | to ready, CPU | first burst or first minute |");
        note("|---|---|---|---|---|");
        for (Launch launch : launches) {
            if (chosen.contains(launch.name())) {
                measure(launch);
            }
        }
    }

    private void measure(Launch launch) throws Exception {
        if (!launch.training().isEmpty()) {
            PayaraMicroProcess trainee = launch(launch, launch.training(), "training").start();
            trainee.awaitReady(Duration.ofMinutes(5));
            firstBurst(trainee);
            trainee.stop(Duration.ofMinutes(10));
            Path archive = Path.of(launch.training().get(0).replaceAll(".*=", ""));
            note(
                    "| %s | training | | | %s %s |"
                            .formatted(
                                    launch.name(),
                                    archive.getFileName(),
                                    Files.exists(archive)
                                            ? Files.size(archive) / (1 << 20) + " MiB written"
                                            : "NOT written"));
        }
        for (int run = 1; run <= RUNS; run++) {
            String measured =
                    fromStart(
                            launch(launch, launch.options(), "run-" + run),
                            launch.curve() ? this::firstMinute : Startup::firstBurst);
            note("| %s | %d | %s |".formatted(launch.name(), run, measured));
        }
    }

    /**
     * The benchmark's rows for a new instance: launched as {@link Benchmark} launches it, with the
     * warm-up on or off, its time to ready and S1 the moment it is ready.
     */
    static String justReady(Database database, Path work, int port, boolean warmUp)
            throws Exception {
        PayaraMicroProcess.Builder launch =
                Benchmark.cofferLaunch(database, work, port, "just-ready-" + port);
        return fromStart(warmUp ? launch.warmingUp() : launch, Startup::firstBurst);
    }

    /** Starts it, times it to ready (wall and CPU), then measures and stops it. */
    private static String fromStart(PayaraMicroProcess.Builder launch, Probe probe)
            throws Exception {
        long started = System.nanoTime();
        PayaraMicroProcess coffer = launch.start();
        try {
            coffer.awaitReady(Duration.ofMinutes(5));
            double wall = (System.nanoTime() - started) / 1e9;
            return "%.1f s | %.1f s | %s"
                    .formatted(wall, coffer.cpuSeconds(), probe.measure(coffer));
        } finally {
            coffer.stop();
        }
    }

    private PayaraMicroProcess.Builder launch(Launch launch, List<String> options, String what)
            throws IOException {
        PayaraMicroProcess.Builder builder =
                Benchmark.cofferLaunch(database, work, port++, launch.name() + "-" + what)
                        .javaHome(launch.javaHome());
        options.forEach(builder::jvmOption);
        return launch.warmUp() ? builder.warmingUp() : builder;
    }

    /** S1 at once: the statuses, the final balance and the latencies. */
    static String firstBurst(PayaraMicroProcess coffer) {
        Api api = new Api(coffer.baseUri());
        long user = api.openUser(10_000);
        Load.Result burst =
                new Load(coffer.baseUri(), "users/updateBalance")
                        .arrivals(
                                1_000,
                                Duration.ofSeconds(10),
                                i -> "{\"userId\": " + user + ", \"amount\": -2}",
                                i -> null,
                                Duration.ofSeconds(10));
        return "S1: %s, final balance %d, %s"
                .formatted(burst.byStatus(), api.balanceOf(user), burst.latencies());
    }

    /** The spread route's throughput and CPU per request in 10 s windows from ready. */
    private String firstMinute(PayaraMicroProcess coffer) throws Exception {
        Api api = new Api(coffer.baseUri());
        long[] users = LongStream.range(0, 200).map(i -> api.openUser(1_000_000_000)).toArray();
        Path script = work.resolve("spread.lua");
        Files.writeString(
                script,
                """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                request = function()
                  local amount = math.random(2) == 1 and -1 or 1
                  local body = '{"userId": ' .. math.random(%d, %d) .. ', "amount": ' .. amount .. '}'
                  return wrk.format(nil, "/balance/update", nil, body)
                end
                """
                        .formatted(users[0], users[users.length - 1]));
        List<String> windows = new ArrayList<>();
        for (int window = 0; window < WINDOWS; window++) {
            double cpuBefore = coffer.cpuSeconds();
            Process wrk =
                    new ProcessBuilder(
                                    "wrk",
                                    "-t2",
                                    "-c64",
                                    "-d10s",
                                    "-s",
                                    script.toString(),
                                    coffer.baseUri().toString())
                            .redirectErrorStream(true)
                            .start();
            String output = new String(wrk.getInputStream().readAllBytes());
            wrk.waitFor();
            double rate =
                    output.lines()
                            .filter(line -> line.startsWith("Requests/sec:"))
                            .mapToDouble(line -> Double.parseDouble(line.substring(13).trim()))
                            .findFirst()
                            .orElse(0);
            double cpuMs = (coffer.cpuSeconds() - cpuBefore) * 1000 / Math.max(1, rate * 10);
            windows.add("%.0f (%.2f ms)".formatted(rate, cpuMs));
        }
        return "spread req/s (CPU per request) by 10 s window: " + String.join(", ", windows);
    }

    /** What is measured once an instance is ready. */
    @FunctionalInterface
    private interface Probe {
        String measure(PayaraMicroProcess coffer) throws Exception;
    }

    /** Prints the line and rewrites the report with it: a long run's rows so far are kept. */
    private void note(String line) throws IOException {
        System.out.println(line);
        report.add(line);
        Files.write(work.resolve("startup-report.md"), report);
    }

    /**
     * One way to launch: the JDK, whether it warms up, whether the first minute is a curve, the JVM
     * options of a training run (none: no training) and of the measured runs.
     */
    private record Launch(
            String name,
            Path javaHome,
            boolean warmUp,
            boolean curve,
            List<String> training,
            List<String> options) {

        static Launch plain(String name, Path javaHome, boolean warmUp) {
            return new Launch(name, javaHome, warmUp, false, List.of(), List.of());
        }

        /** On JDK 25, with an archive a training run records and the measured runs use. */
        static Launch trained(String name, boolean warmUp, String record, String use) {
            return new Launch(name, JDK25, warmUp, false, List.of(record), List.of(use));
        }

        /** On JDK 17 without the warm-up, measuring the first minute's throughput. */
        static Launch curve(String name, List<String> options) {
            return new Launch(name, JDK17, false, true, List.of(), options);
        }
    }
}

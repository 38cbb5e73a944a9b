package coffer.benchmark;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.Database;
import coffer.testing.Latencies;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import coffer.testing.Shoppers;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./mvnw -Pbenchmark -Dbench.suite=logins}: the merch shop's own k6 load test, replayed
 * against Coffer's production launch (the pre-boot file, the warm-up before ready, bcrypt cost 10,
 * the default hashing slots, a fresh database), from the moment it reports ready. 300 virtual users
 * ramp up 0 → 50 → 100 → 200 → 300, 5 s a stage; each sends {@code POST /api/auth} as {@code
 * user<N>} with {@code testpassword}, then sleeps 3 s, and starts no new iteration after the last
 * stage, as k6's ramping VUs do (about 971 requests in the original's run). Its thresholds: p95
 * below 70 ms, under 0.01 % failed. {@code -Dbench.login.runs} runs (1), each on a new database and
 * a new instance; {@code -Dbench.login.quiet=true} starts each storm only once the instance's own
 * CPU has settled after ready (below 5 % of a core over 2 s, 60 s at most), to tell the storm's
 * cost from the JIT's; the benchmark's levers apply ({@link Benchmark#withLevers}). Writes {@code
 * target/benchmark/logins-report.md}.
 */
final class LoginStorm {

    private static final int[] STAGE_TARGETS = {50, 100, 200, 300};
    private static final Duration STAGE = Duration.ofSeconds(5);
    private static final Duration SLEEP = Duration.ofSeconds(3);
    private static final String PASSWORD = "testpassword";

    /**
     * {@code -Dbench.login.max-wait=PT10S}: a login's wait bound other than the default (1.5 s),
     * its answer timeout 5 s above it, to see what a longer queue turns the 503s into.
     */
    private static final String MAX_WAIT = System.getProperty("bench.login.max-wait");

    private static final int RUNS = Integer.getInteger("bench.login.runs", 1);
    private static final boolean QUIET = Boolean.getBoolean("bench.login.quiet");

    /** The status recorded for a request that got no answer. */
    private static final int NO_ANSWER = -1;

    private final Path work = Path.of("target", "benchmark");
    private final Latencies latencies = new Latencies(10_000);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    /** The machine's load average (1 min) as the storm starts and as it ends: it is shared. */
    private final double[] load = new double[2];

    /** Seconds from process start to ready, and the instance's CPU seconds at ready. */
    private final double[] ready = new double[2];

    static void run() throws Exception {
        Path work = Path.of("target", "benchmark");
        Files.createDirectories(work);
        List<String> rows = new ArrayList<>();
        PostgresServer postgres = PostgresServer.benchmark(work.resolve("logins-pgdata"), "on");
        try {
            for (int run = 1; run <= RUNS; run++) {
                LoginStorm storm = new LoginStorm();
                storm.measure(postgres.freshDatabase("coffer_logins_bench_" + run));
                rows.add(storm.row(run));
                System.out.println(rows.get(rows.size() - 1));
            }
        } finally {
            postgres.stop();
        }
        report(rows);
    }

    private void measure(Database database) throws Exception {
        PayaraMicroProcess.Builder launch =
                PayaraMicroProcess.builder(18_482)
                        .optimizingCompiler()
                        .warmingUp()
                        .database(database)
                        .environment("MERCH_JWT_KEY_FILE", work.resolve("merch-jwt.key").toString())
                        .microOption(
                                "--prebootcommandfile", "server-config/pre-boot-commands.asadmin")
                        .log(work.resolve("logins-payara.log"));
        if (MAX_WAIT != null) {
            launch.environment("MERCH_LOGIN_MAX_WAIT", MAX_WAIT)
                    .environment(
                            "MERCH_LOGIN_ANSWER_TIMEOUT",
                            Duration.parse(MAX_WAIT).plusSeconds(5).toString());
        }
        Benchmark.withLevers(launch);
        long started = System.nanoTime();
        PayaraMicroProcess coffer = launch.start();
        try {
            coffer.awaitReady(Duration.ofMinutes(10));
            ready[0] = (System.nanoTime() - started) / 1e9;
            ready[1] = coffer.cpuSeconds();
            if (QUIET) {
                awaitQuiet(coffer);
            }
            load[0] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            storm(new Api(coffer.baseUri()));
            load[1] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        } finally {
            coffer.stop();
        }
    }

    /** Until the instance spends under 5 % of a core over 2 s, or 60 s have passed. */
    private static void awaitQuiet(PayaraMicroProcess coffer) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double before = coffer.cpuSeconds();
        do {
            Thread.sleep(2000);
            double now = coffer.cpuSeconds();
            if (now - before < 0.1) {
                return;
            }
            before = now;
        } while (System.nanoTime() < until);
    }

    private void storm(Api api) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + STAGE.multipliedBy(STAGE_TARGETS.length).toNanos();
        List<Thread> users = new ArrayList<>();
        for (int user = 1; user <= STAGE_TARGETS[STAGE_TARGETS.length - 1]; user++) {
            long joins = start + joiningNanos(user);
            String username = "user" + user;
            Thread thread =
                    new Thread(() -> iterate(new Shoppers(api), username, joins, end), username);
            thread.start();
            users.add(thread);
        }
        for (Thread user : users) {
            user.join();
        }
    }

    /** When the ramp reaches {@code user} users, from the start: linear within each stage. */
    static long joiningNanos(int user) {
        int before = 0;
        for (int stage = 0; stage < STAGE_TARGETS.length; stage++) {
            int target = STAGE_TARGETS[stage];
            if (user <= target) {
                double within = (double) (user - before) / (target - before);
                return STAGE.toNanos() * stage + Math.round(within * STAGE.toNanos());
            }
            before = target;
        }
        throw new IllegalArgumentException("no stage has user " + user);
    }

    private void iterate(Shoppers shop, String username, long joins, long end) {
        sleepUntil(joins);
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            int status;
            try {
                Reply reply = shop.auth(username, PASSWORD);
                status = reply.status();
            } catch (UncheckedIOException lost) {
                status = NO_ANSWER;
            }
            latencies.record(System.nanoTime() - sent);
            statuses.computeIfAbsent(status, any -> new LongAdder()).increment();
            sleepUntil(System.nanoTime() + SLEEP.toNanos());
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String row(int run) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        long requests = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long failed = requests - byStatus.getOrDefault(200, 0L);
        Latencies.Summary summary = latencies.summary();
        return "| %d | %.1f s, %.1f CPU s | %.1f → %.1f | %d | %s | %.2f %% | %s | p95 < 70 ms: %s;"
                        .formatted(
                                run,
                                ready[0],
                                ready[1],
                                load[0],
                                load[1],
                                requests,
                                byStatus.toString()
                                        .replace("{", "")
                                        .replace("}", "")
                                        .replace("=", ": "),
                                100.0 * failed / requests,
                                summary,
                                summary.p95() < 70 ? "met" : "missed")
                + " failed < 0.01 %%: %s |"
                        .formatted(failed * 10_000 < requests ? "met" : "missed");
    }

    private static void report(List<String> rows) throws Exception {
        List<String> report = new ArrayList<>();
        report.add("# The merch shop's k6 login test against the production launch\n");
        report.add(
                Runtime.getRuntime().availableProcessors()
                        + " cores; 300 users ramped over 20 s, each a login then 3 s of sleep;"
                        + " bcrypt cost 10, default slots, warmed up before ready; login wait bound "
                        + (MAX_WAIT == null ? "PT1.5S (default)" : MAX_WAIT)
                        + "; "
                        + Benchmark.levers()
                        + (QUIET ? "; each storm started once the instance's CPU settled" : "")
                        + ".\n");
        report.add(
                "| run | to ready | load average at start → end | requests | by status | failed"
                        + " | latency | thresholds |");
        report.add("|---|---|---|---|---|---|---|---|");
        report.addAll(rows);
        report.forEach(System.out::println);
        Files.write(Path.of("target", "benchmark", "logins-report.md"), report);
    }
}

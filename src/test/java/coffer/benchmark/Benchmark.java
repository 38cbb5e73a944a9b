package coffer.benchmark;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * {@code ./mvnw -Pbenchmark}: starts PostgreSQL (embedded, durable: synchronous commit on, unless
 * {@code -Dbench.synchronous-commit=off}; or the server {@code DB_URL} names), Coffer on Payara
 * Micro and the {@link Baseline} (a plain Node service), then measures over HTTP: Coffer beside the
 * baseline on one hot row and spread over many users, at 16 and 64 connections, each warmed until
 * its throughput settles ({@link SideBySide}); the reference test (10,000 debits of 2 from 10,000,
 * half refused) and its variants; an open-loop load spread over many users (after the same load
 * until its p99 settles); then pgbench with the very statements Coffer sends, at the same
 * concurrency, against the same database. Every run against a service is on its curve ({@link
 * Curve}). Writes {@code target/benchmark/report.md}.
 */
public final class Benchmark {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);

    /** The production default pool (DB_POOL_MAX_SIZE). */
    private static final int POOL = Integer.getInteger("bench.pool", 8);

    /**
     * Fewer than production's 16: on the 2-core machine the README's figures come from, the workers
     * share the cores with PostgreSQL and the load generator (see tuning there).
     */
    private static final int HTTP_THREADS = Integer.getInteger("bench.http-threads", 8);

    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final Duration SUSTAINED =
            Duration.ofSeconds(Long.getLong("bench.duration", 60));
    private static final int USERS = Integer.getInteger("bench.users", 1000);
    private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbench-seconds", 20);
    private static final String SYNCHRONOUS_COMMIT =
            System.getProperty("bench.synchronous-commit", "on");
    private static final long RICH = 1_000_000_000_000L;

    /** {@code -Dbench.just-ready=false} leaves out the two new instances S1 is sent to at once. */
    private static final boolean JUST_READY =
            Boolean.parseBoolean(System.getProperty("bench.just-ready", "true"));

    /** The statements Coffer sends for a debit of 2, as EclipseLink writes them. */
    static final String UPDATE =
            "UPDATE users SET BALANCE = (BALANCE + -2) WHERE"
                    + " ((((ID = %1$s) AND (BALANCE <= 9223372036854775807)) AND ((BALANCE - 0) >= 2))"
                    + " AND (lot_remaining <= 0));\n";

    private static final String SELECT =
            "SELECT BALANCE, lot_remaining FROM users WHERE" + " (ID = %1$s);\n";
    private static final String INSERT =
            "INSERT INTO ledger_entries (ID, accrual_id, AMOUNT,"
                    + " balance_after, idempotency_key, KIND, user_id) VALUES"
                    + " (nextval('ledger_entries_id_seq'), NULL, -2, 0, NULL, 'DEBIT', %1$s);\n";

    private final Path work = Path.of("target", "benchmark");
    private final List<String> report = new ArrayList<>();

    private Benchmark() {}

    /**
     * {@code -Dbench.suite=merch} runs the merch shop's benchmark ({@link MerchBenchmark}), {@code
     * -Dbench.suite=profile} the CPU profile of the spread load ({@link Profile}), {@code
     * -Dbench.suite=hashes} the bcrypt libraries ({@link Hashes}), {@code -Dbench.suite=logins} the
     * merch shop's k6 login test ({@link LoginStorm}), {@code -Dbench.suite=startup} a new
     * instance's first minute under several JVM launches ({@link Startup}), {@code
     * -Dbench.suite=tokens} nanoseconds per token check ({@link TokenChecks}), {@code
     * -Dbench.suite=citus} Coffer on plain PostgreSQL and on a Citus cluster ({@link
     * CitusBenchmark}).
     */
    public static void main(String[] args) throws Exception {
        String suite = System.getProperty("bench.suite", "");
        if (suite.equals("merch")) {
            MerchBenchmark.run();
        } else if (suite.equals("hashes")) {
            Hashes.run();
        } else if (suite.equals("logins")) {
            LoginStorm.run();
        } else if (suite.equals("profile")) {
            Profile.run();
        } else if (suite.equals("startup")) {
            Startup.run();
        } else if (suite.equals("tokens")) {
            TokenChecks.run();
        } else if (suite.equals("citus")) {
            CitusBenchmark.run();
        } else {
            new Benchmark().run();
        }
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        boolean external = System.getenv("DB_URL") != null;
        PostgresServer postgres =
                external
                        ? PostgresServer.forTests()
                        : PostgresServer.benchmark(work.resolve("pgdata"), SYNCHRONOUS_COMMIT);
        Database database = postgres.freshDatabase("coffer_bench");
        List<String> justReady = new ArrayList<>();
        for (boolean warmUp : JUST_READY ? new boolean[] {false, true} : new boolean[0]) {
            justReady.add(
                    "| warm-up "
                            + (warmUp ? "on (its default)" : "off")
                            + " | "
                            + Startup.justReady(database, work, warmUp ? 18_484 : 18_483, warmUp)
                            + " |");
        }
        long cofferStart = System.nanoTime();
        PayaraMicroProcess coffer = startCoffer(database, work, 18_480, "payara");
        try (Baseline baseline = Baseline.start(database, work, POOL)) {
            // Minutes, not seconds: on two cores shared with other builds a boot has taken 4.5 min.
            coffer.awaitReady(Duration.ofMinutes(10));
            measure(
                    coffer.baseUri(),
                    new Curve("Payara", cofferStart, coffer::cpuSeconds),
                    baseline,
                    database,
                    external
                            ? "the server DB_URL names"
                            : "embedded PostgreSQL 15,"
                                    + " synchronous_commit="
                                    + SYNCHRONOUS_COMMIT);
        } finally {
            coffer.stop();
            postgres.stop();
        }
        if (JUST_READY) {
            note(
                    "\nS1's scenario (1000 new connections a second for 10 s, each a debit of 2 on"
                            + " a user holding 10000, 10 s client timeout) against a new instance"
                            + " the moment it is ready:\n");
            note("| launch | process start to ready, wall | to ready, CPU | S1 |");
            note("|---|---|---|---|");
            justReady.forEach(this::note);
        }
        try (var log = Files.lines(work.resolve("payara.log"))) {
            log.filter(line -> line.contains("Balance batches:"))
                    .findFirst()
                    .ifPresent(
                            line ->
                                    note(
                                            "\nBalance batches applied: "
                                                    + line.substring(
                                                                    line.indexOf("Balance batches:")
                                                                            + 16)
                                                            .replace("]]", "")
                                                            .trim()));
        }
        Files.write(work.resolve("report.md"), report);
    }

    /**
     * Coffer as the benchmarks measure it: the production pre-boot settings with the HTTP workers
     * sized for this run, the pool of {@code -Dbench.pool}, no scheduled tasks; its log in {@code
     * work/<name>.log}.
     */
    static PayaraMicroProcess startCoffer(Database database, Path work, int port, String name)
            throws java.io.IOException {
        return cofferLaunch(database, work, port, name).start();
    }

    /** How {@link #startCoffer} launches it, to be started later. */
    static PayaraMicroProcess.Builder cofferLaunch(
            Database database, Path work, int port, String name) throws java.io.IOException {
        Path commands = work.resolve(name + "-pre-boot-commands.asadmin");
        Files.writeString(
                commands,
                Files.readString(Path.of("server-config", "pre-boot-commands.asadmin"))
                        + "\nset configs.config.server-config.thread-pools"
                        + ".thread-pool.http-thread-pool.max-thread-pool-size="
                        + HTTP_THREADS
                        + "\n"
                        + "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
                        + ".min-thread-pool-size="
                        + HTTP_THREADS
                        + "\n");
        return withLevers(
                PayaraMicroProcess.builder(port)
                        .optimizingCompiler()
                        .database(database)
                        .environment("DB_POOL_MAX_SIZE", Integer.toString(POOL))
                        .environment("TASKS_ENABLED", "false")
                        .microOption("--prebootcommandfile", commands.toString())
                        .log(work.resolve(name + ".log")));
    }

    /**
     * What a run may change in the launch without a code change, to measure a lever: {@code
     * -Dbench.java-home} (another JDK), {@code -Dbench.jvm-options} (space-separated, such as
     * {@code -XX:+UseParallelGC}) and {@code -Dbench.environment} (comma-separated {@code
     * NAME=value}, such as {@code BALANCE_LANES=3}). The reports name them ({@link #levers}).
     */
    static PayaraMicroProcess.Builder withLevers(PayaraMicroProcess.Builder launch) {
        String javaHome = System.getProperty("bench.java-home", "");
        if (!javaHome.isBlank()) {
            launch.javaHome(Path.of(javaHome));
        }
        for (String option : System.getProperty("bench.jvm-options", "").split(" ")) {
            if (!option.isBlank()) {
                launch.jvmOption(option);
            }
        }
        for (String variable : System.getProperty("bench.environment", "").split(",")) {
            if (!variable.isBlank()) {
                String[] nameAndValue = variable.split("=", 2);
                launch.environment(nameAndValue[0].trim(), nameAndValue[1].trim());
            }
        }
        return launch;
    }

    /** The levers this run set, for its report; "production launch" when none. */
    static String levers() {
        String set =
                Stream.of("bench.java-home", "bench.jvm-options", "bench.environment")
                        .filter(property -> !System.getProperty(property, "").isBlank())
                        .map(property -> property + "=" + System.getProperty(property))
                        .collect(Collectors.joining("; "));
        return set.isEmpty() ? "production launch" : set;
    }

    private void measure(URI base, Curve curve, Baseline baseline, Database database, String where)
            throws Exception {
        Api api = new Api(base);
        Load load = new Load(base, "balance/update");
        Load olderClients = new Load(base, "users/updateBalance");
        note(
                "# Coffer benchmark\n\n"
                        + Runtime.getRuntime().availableProcessors()
                        + " cores; "
                        + where
                        + "; JDBC pool "
                        + POOL
                        + ", "
                        + HTTP_THREADS
                        + " HTTP workers; "
                        + levers()
                        + ".\n");
        long[] users = LongStream.range(0, USERS).map(i -> api.openUser(1_000_000_000)).toArray();
        Curve baselineCurve = new Curve("Node", baseline.startNanos(), baseline::cpuSeconds);
        List<String> sideBySide =
                new SideBySide(
                                new SideBySide.Side(
                                        "Coffer", load, curve, api.openUser(RICH), users),
                                new SideBySide.Side(
                                        "baseline",
                                        new Load(baseline.baseUri(), "balance/update"),
                                        baselineCurve,
                                        api.openUser(RICH),
                                        LongStream.range(0, USERS)
                                                .map(i -> api.openUser(1_000_000_000))
                                                .toArray()),
                                SUSTAINED)
                        .run();

        long reference = api.openUser(10_000);
        Load.Result referenceRun = load.closedLoop(10_000, CONCURRENCY, i -> debit(reference, 2));
        long finalBalance = api.balanceOf(reference);
        String uuid = UUID.randomUUID().toString();
        api.post("/users", "{\"id\": \"" + uuid + "\", \"balance\": 10000}");
        Load.Result byUuid =
                load.closedLoop(
                        10_000, CONCURRENCY, i -> "{\"userId\": \"" + uuid + "\", \"amount\": -2}");
        long atOnceUser = api.openUser(10_000);
        Load.Result atOnce =
                load.allAtOnce(10_000, i -> debit(atOnceUser, 2), Duration.ofSeconds(120));
        long atOnceBalance = api.balanceOf(atOnceUser);
        long artilleryUser = api.openUser(10_000);
        Load.Result artillery =
                olderClients.arrivals(
                        1_000,
                        Duration.ofSeconds(10),
                        i -> debit(artilleryUser, 2),
                        i -> null,
                        Duration.ofSeconds(60));
        long artilleryBalance = api.balanceOf(artilleryUser);
        // Its own warm-up: the first seconds of a new load shape run while the JIT compiles
        // its paths (connections accepted, credits), p99 in the hundreds of milliseconds.
        String openLoop = "Spread open loop, " + RATE + " req/s";
        WarmUp warmUp =
                WarmUp.untilSettled(
                        duration ->
                                curve.run(
                                                openLoop,
                                                () ->
                                                        load.openLoop(
                                                                RATE, duration, i -> change(users)))
                                        .result());
        Curve.Point spreadPoint =
                curve.run(
                        openLoop + ", measured",
                        () -> load.openLoop(RATE, SUSTAINED, i -> change(users)));
        Load.Result spread = spreadPoint.result();

        Pgbench pgbench = new Pgbench(database, work);
        String options = "-c synchronous_commit=" + SYNCHRONOUS_COMMIT;
        long pgbenchHot = api.openUser(RICH);
        Map<Integer, Pgbench.Result> bareHot = new TreeMap<>();
        for (int clients : new int[] {1, 8, 32}) {
            bareHot.put(
                    clients,
                    pgbench.run(
                            "hot-update-" + clients,
                            UPDATE.formatted(pgbenchHot),
                            clients,
                            PGBENCH_SECONDS,
                            options));
        }
        double ceiling =
                bareHot.values().stream().mapToDouble(Pgbench.Result::tps).max().orElseThrow();
        Pgbench.Result hotTransaction =
                pgbench.run(
                        "hot-transaction",
                        "BEGIN;\n"
                                + UPDATE.formatted(pgbenchHot)
                                + SELECT.formatted(pgbenchHot)
                                + INSERT.formatted(pgbenchHot)
                                + "COMMIT;\n",
                        CONCURRENCY,
                        PGBENCH_SECONDS,
                        options);
        Pgbench.Result spreadUpdate =
                pgbench.run(
                        "spread-update",
                        "\\set id random("
                                + users[0]
                                + ", "
                                + users[users.length - 1]
                                + ")\n"
                                + UPDATE.formatted(":id"),
                        CONCURRENCY,
                        PGBENCH_SECONDS,
                        options);

        note(
                "PostgreSQL's own ceiling on one row, the bare conditional UPDATE (pgbench, same"
                        + " run, same database): "
                        + bareHot.entrySet().stream()
                                .map(
                                        e ->
                                                "%.0f tps at %d"
                                                        .formatted(e.getValue().tps(), e.getKey()))
                                .toList()
                        + "; the best, %.0f tps, is the ceiling below.\n".formatted(ceiling));
        note("| measured | concurrency | throughput | latency | service / ceiling |");
        note("|---|---|---|---|---|");
        row(
                "Reference test over HTTP: 10,000 debits of 2 from 10,000 on one user ("
                        + statuses(referenceRun)
                        + ", final balance "
                        + finalBalance
                        + ")",
                "64",
                referenceRun,
                ceiling);
        row(
                "The same, naming the user by its UUID (" + statuses(byUuid) + ")",
                "64",
                byUuid,
                ceiling);
        row(
                "The same, all 10,000 sent at once, each on a connection of its own ("
                        + statuses(atOnce)
                        + ", final balance "
                        + atOnceBalance
                        + ", all answered in "
                        + "%.1f s".formatted(atOnce.elapsedSeconds())
                        + ")",
                "10,000",
                atOnce,
                ceiling);
        row(
                "The HighLoad Balance App's Artillery test: 1000 new connections a second for 10 s,"
                        + " each one debit of 2 from 10,000 on one user at POST /users/updateBalance ("
                        + statuses(artillery)
                        + ", final balance "
                        + artilleryBalance
                        + ")",
                "open, new connections",
                artillery,
                ceiling);
        note(
                "| Spread open loop, "
                        + RATE
                        + " req/s for "
                        + SUSTAINED.toSeconds()
                        + " s over "
                        + USERS
                        + " users, "
                        + warmUp
                        + " ("
                        + statuses(spread)
                        + "); Payara CPU %.2f ms per request"
                                .formatted(spreadPoint.cpuMsPerRequest())
                        + " | open | %.0f req/s".formatted(spread.throughput())
                        + " | "
                        + spread.latencies()
                        + " | |");
        bareHot.forEach(
                (clients, result) ->
                        pgbenchRow(
                                "pgbench, the bare conditional UPDATE" + " on one hot row",
                                clients,
                                result));
        pgbenchRow(
                "pgbench, the one-change-per-transaction shape (BEGIN, UPDATE, SELECT, ledger"
                        + " INSERT, COMMIT) on one hot row",
                CONCURRENCY,
                hotTransaction);
        pgbenchRow(
                "pgbench, the bare conditional UPDATE spread over " + USERS + " users",
                CONCURRENCY,
                spreadUpdate);
        sideBySide.forEach(this::note);
        note("\n## The curves: every run from each service's start\n");
        curve.table().forEach(this::note);
        note("");
        baselineCurve.table().forEach(this::note);
    }

    private void row(String what, String concurrency, Load.Result result, double ceiling) {
        note(
                "| "
                        + what
                        + " | "
                        + concurrency
                        + " | "
                        + "%.0f req/s".formatted(result.throughput())
                        + " | "
                        + result.latencies()
                        + " | "
                        + "%.0f%% of %.0f tps"
                                .formatted(100 * result.throughput() / ceiling, ceiling)
                        + " |");
    }

    private void pgbenchRow(String what, int clients, Pgbench.Result result) {
        note(
                "| "
                        + what
                        + " | "
                        + clients
                        + " | "
                        + "%.0f tps".formatted(result.tps())
                        + " | "
                        + result.latencies()
                        + " | |");
    }

    static String statuses(Load.Result result) {
        return result.byStatus().toString().replace("{", "").replace("}", "").replace("=", ": ");
    }

    static String debit(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": " + -amount + "}";
    }

    /** A small change of a random user: mostly debits, some credits. */
    static String change(long[] users) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long amount = random.nextInt(10) < 7 ? -1 - random.nextInt(5) : 1 + random.nextInt(5);
        return "{\"userId\": "
                + users[random.nextInt(users.length)]
                + ", \"amount\": "
                + amount
                + "}";
    }

    private void note(String line) {
        System.out.println(line);
        report.add(line);
    }
}

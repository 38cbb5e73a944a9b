package coffer.benchmark;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.Load.Request;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import coffer.testing.Shoppers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * {@code ./mvnw -Pbenchmark -Dbench.suite=merch}: the merch shop's SLO (100,000 employees, 1000
 * req/s, 50 ms, 99.99 %) on this machine, PostgreSQL durable, with pgbench's ceiling for a
 * conditional UPDATE over the same rows beside it. Writes {@code target/benchmark/merch-report.md}.
 *
 * <p>Two phases, one Payara Micro at a time. The first registers the employees through {@code POST
 * /api/auth} (the real path: bcrypt, opening entry, username) at bcrypt cost 4 with 8 hashing
 * slots: at production's cost 10 a hash takes about 80 ms of a core here, 100,000 of them over an
 * hour. It then runs the coin routes. The second restarts the same database at production's cost 10
 * to measure logins, alone and beside coin traffic; both with the credential cache off, so that
 * every login hashes.
 */
final class MerchBenchmark {

    private static final int EMPLOYEES = Integer.getInteger("bench.employees", 100_000);
    private static final int ACTIVE = Integer.getInteger("bench.active-employees", 10_000);
    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final Duration SUSTAINED =
            Duration.ofSeconds(Long.getLong("bench.duration", 60));
    private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbench-seconds", 20);
    private static final String PASSWORD = Shoppers.PASSWORD;
    private static final String[] CHEAP_ITEMS = {"pen", "socks", "cup"};

    private final Path work = Path.of("target", "benchmark");
    private final List<String> report = new ArrayList<>();

    static void run() throws Exception {
        new MerchBenchmark().measure();
    }

    private void measure() throws Exception {
        Files.createDirectories(work);
        PostgresServer postgres = PostgresServer.benchmark(work.resolve("merch-pgdata"), "on");
        Database database = postgres.freshDatabase("coffer_merch_bench");
        try {
            note(
                    "# Merch shop benchmark\n\n"
                            + Runtime.getRuntime().availableProcessors()
                            + " cores; embedded PostgreSQL 15, synchronous_commit=on; load"
                            + " generator, Payara Micro and PostgreSQL on this machine.\n");
            note("| measured | load | answers | latency |");
            note("|---|---|---|---|");
            PayaraMicroProcess registering = instance(database, 4);
            try {
                coinRoutes(registering.baseUri(), database);
            } finally {
                registering.stop();
            }
            pgbench(database);
            PayaraMicroProcess production = instance(database, 10);
            try {
                logins(production.baseUri());
            } finally {
                production.stop();
            }
        } finally {
            postgres.stop();
        }
        Files.write(work.resolve("merch-report.md"), report);
    }

    private static final int REGISTERING_SLOTS = 8;

    /** Production's default: one per core. */
    private static final int LOGIN_SLOTS =
            Integer.getInteger("bench.login-slots", Runtime.getRuntime().availableProcessors());

    private PayaraMicroProcess instance(Database database, int cost) {
        return PayaraMicroProcess.builder(18_481)
                .optimizingCompiler()
                .database(database)
                .environment("TASKS_ENABLED", "false")
                .environment("MERCH_JWT_KEY_FILE", work.resolve("merch-jwt.key").toString())
                .environment("MERCH_PASSWORD_COST", Integer.toString(cost))
                .environment(
                        "MERCH_PASSWORD_CONCURRENCY",
                        Integer.toString(cost < 10 ? REGISTERING_SLOTS : LOGIN_SLOTS))
                // Every login hashes: the rows measure bcrypt's cost, not the credential cache.
                .environment("MERCH_CREDENTIAL_CACHE_TTL", "PT0S")
                .microOption("--prebootcommandfile", "server-config/pre-boot-commands.asadmin")
                .log(work.resolve("merch-payara-cost" + cost + ".log"))
                .start()
                .awaitReady(Duration.ofMinutes(3));
    }

    private void coinRoutes(URI base, Database database) {
        Load load = new Load(base, "api/auth");
        Load.Result registered =
                load.closedLoop(EMPLOYEES, REGISTERING_SLOTS, i -> credentials(employee(i)));
        row(
                EMPLOYEES + " employees registered through POST /api/auth (bcrypt cost 4)",
                "closed loop, one connection per hashing slot (8), %.0f registrations/s"
                        .formatted(registered.throughput()),
                registered);
        // A shop grows over months and autovacuum analyzes it on the way; registered within
        // minutes, the table would keep the plans of its first few rows (sequential scans of
        // users, 29,000 of them in one run) until autovacuum's next look.
        database.update("ANALYZE");
        List<String> tokens = tokens(new Api(base), ACTIVE, MerchBenchmark::employee);

        IntFunction<Request> mix = index -> shopping(base, tokens);
        WarmUp warmUp = WarmUp.untilSettled(duration -> load.mixedOpenLoop(RATE, duration, mix));
        Load.Result sustained = load.mixedOpenLoop(RATE, SUSTAINED, mix);
        row(
                "Mix of info 60 %, sendCoin 25 % (to any of the "
                        + EMPLOYEES
                        + "), buy 15 %, from "
                        + ACTIVE
                        + " logged-in employees, "
                        + warmUp
                        + "; "
                        + success(sustained),
                "open loop, %d req/s for %d s".formatted(RATE, SUSTAINED.toSeconds()),
                sustained);

        String hub = "hub";
        String hubToken = tokens(new Api(base), 1, i -> hub).get(0);
        Load.Result thanks =
                load.mixedClosedLoop(10_000, 16, i -> transfer(base, tokens.get(i % 100), hub, 1));
        Load.Result info =
                load.mixedClosedLoop(
                        2_000, 4, i -> new Request("GET", path(base, "api/info"), hubToken, null));
        row(
                "GET /api/info of an employee with 10,000 transfers received from 100"
                        + " counterparts (the transfers: "
                        + statuses(thanks)
                        + ")",
                "closed loop, 4 connections",
                info);

        String hero = "hero";
        String heroToken = tokens(new Api(base), 1, i -> hero).get(0);
        Load.Result hot =
                load.mixedClosedLoop(
                        20_000, 64, i -> transfer(base, tokens.get(i % ACTIVE), hero, 1));
        long heroCoins = new Shoppers(new Api(base)).coins(heroToken);
        row(
                "Everyone thanks one colleague: 20,000 one-coin transfers to one recipient ("
                        + statuses(hot)
                        + "; the recipient holds "
                        + heroCoins
                        + " = 1000 + the accepted, %s)"
                                .formatted(heroCoins == 1_000 + hot.count(200) ? "exact" : "WRONG"),
                "closed loop, 64 connections, %.0f transfers/s".formatted(hot.throughput()),
                hot);
    }

    private void logins(URI base) {
        int count = 100;
        Load load = new Load(base, "api/auth");
        load.closedLoop(count, LOGIN_SLOTS, i -> credentials("login-" + i));
        Load.Result alone =
                load.closedLoop(400, LOGIN_SLOTS, i -> credentials("login-" + (i % count)));
        row(
                "Logins of existing employees at bcrypt cost 10 (production), as many as the"
                        + " hashing slots (%d) allow".formatted(LOGIN_SLOTS),
                "closed loop, %d connections, %.0f logins/s"
                        .formatted(LOGIN_SLOTS, alone.throughput()),
                alone);
        Load.Result crowded = load.closedLoop(400, 32, i -> credentials("login-" + (i % count)));
        row(
                "The same with 32 connections: past the slots and the login queue, 503",
                "closed loop, 32 connections, %.0f answers/s".formatted(crowded.throughput()),
                crowded);
        List<String> tokens = tokens(new Api(base), 1_000, MerchBenchmark::employee);
        IntFunction<Request> mix = index -> shopping(base, tokens);
        // This instance is new: without its own warm-up, the row would measure the JIT.
        WarmUp mixAlone =
                WarmUp.untilSettled(duration -> load.mixedOpenLoop(RATE / 2, duration, mix));
        CompletableFuture<Load.Result> loggingIn =
                CompletableFuture.supplyAsync(
                        () ->
                                load.closedLoop(
                                        400,
                                        LOGIN_SLOTS,
                                        i -> credentials("login-" + (i % count))));
        Load.Result besideLogins = load.mixedOpenLoop(RATE / 2, Duration.ofSeconds(15), mix);
        Load.Result logins = loggingIn.join();
        row(
                "Coin routes (the same mix, "
                        + mixAlone
                        + " alone) while logins run at their maximum ("
                        + "%.0f logins/s, %s)".formatted(logins.throughput(), logins.latencies())
                        + "; "
                        + success(besideLogins),
                "open loop, %d req/s for 15 s".formatted(RATE / 2),
                besideLogins);
    }

    private void pgbench(Database database) throws Exception {
        Pgbench.Result bare =
                new Pgbench(database, work)
                        .run(
                                "merch-spread-update",
                                "\\set id random(2, "
                                        + (EMPLOYEES + 1)
                                        + ")\n"
                                        + Benchmark.UPDATE.formatted(":id"),
                                64,
                                PGBENCH_SECONDS,
                                "-c synchronous_commit=on");
        note(
                "| PostgreSQL's ceiling: pgbench, the bare conditional UPDATE over the employees'"
                        + " rows, same database | 64 clients | %.0f tps | %s |"
                                .formatted(bare.tps(), bare.latencies()));
    }

    /** One request of the mix, for a random logged-in employee. */
    private static Request shopping(URI base, List<String> tokens) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String token = tokens.get(random.nextInt(tokens.size()));
        int dice = random.nextInt(100);
        if (dice < 60) {
            return new Request("GET", path(base, "api/info"), token, null);
        }
        if (dice < 85) {
            // A random colleague; now and then the sender itself, refused 400 like any refusal.
            return transfer(
                    base, token, employee(random.nextInt(EMPLOYEES)), 1 + random.nextInt(5));
        }
        String item = CHEAP_ITEMS[random.nextInt(CHEAP_ITEMS.length)];
        return new Request("POST", path(base, "api/buy/" + item), token, null);
    }

    private static Request transfer(URI base, String token, String toUser, int amount) {
        return new Request(
                "POST",
                path(base, "api/sendCoin"),
                token,
                "{\"toUser\": \"" + toUser + "\", \"amount\": " + amount + "}");
    }

    private static String path(URI base, String relative) {
        return base.resolve(relative).getPath();
    }

    /**
     * Logs in {@code count} employees, as many at a time as production's hashing slots (more would
     * be refused 503), and returns their tokens in order.
     */
    private static List<String> tokens(Api api, int count, IntFunction<String> name) {
        Shoppers shop = new Shoppers(api);
        Semaphore slots = new Semaphore(LOGIN_SLOTS);
        List<CompletableFuture<String>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            String username = name.apply(i);
            pending.add(
                    CompletableFuture.supplyAsync(() -> shop.tokenOf(username))
                            .whenComplete((token, failure) -> slots.release()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static String employee(int index) {
        return "employee-" + index;
    }

    private static String credentials(String username) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}";
    }

    /** The share answered (2xx and refusals, 4xx), and how many refusals. */
    private static String success(Load.Result result) {
        long all = result.requests();
        long ok =
                result.byStatus().entrySet().stream()
                        .filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                        .mapToLong(e -> e.getValue())
                        .sum();
        long refused =
                result.byStatus().entrySet().stream()
                        .filter(e -> e.getKey() >= 400 && e.getKey() < 500)
                        .mapToLong(e -> e.getValue())
                        .sum();
        return "%.3f %% answered 2xx or refused (%d refusals), %s"
                .formatted(100.0 * (ok + refused) / all, refused, statuses(result));
    }

    private static String statuses(Load.Result result) {
        return result.byStatus().toString().replace("{", "").replace("}", "").replace("=", ": ");
    }

    private void row(String what, String shape, Load.Result result) {
        note(
                "| "
                        + what
                        + " | "
                        + shape
                        + " | "
                        + statuses(result)
                        + " | "
                        + result.latencies()
                        + " |");
    }

    private void note(String line) {
        System.out.println(line);
        report.add(line);
    }
}

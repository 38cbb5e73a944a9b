package coffer.benchmark;

import coffer.Roles;
import coffer.access.control.CallerTokens;
import coffer.access.control.ConfiguredCallerTokens;
import coffer.access.control.WarmUpPass;
import coffer.merch.control.ConfiguredTokens;
import coffer.merch.control.Tokens;
import coffer.testing.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code ./mvnw -Pbenchmark -Dbench.suite=tokens}: nanoseconds per token check, one thread, on the
 * money routes' check (RS256, {@code CallerTokens}) and the merch shop's (HS256, {@code Tokens}),
 * each with the cache of verified tokens off (TTL zero: every check verifies the signature, as
 * before the cache) and on (the same token again, as a client sends it with each request). Each is
 * run until the JIT has compiled it, then in five rounds of a second; the median round is quoted.
 * Writes {@code target/benchmark/tokens-report.md}.
 */
final class TokenChecks {

    private static final int ROUNDS = 5;
    private static final Duration ROUND = Duration.ofSeconds(1);
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    /** Where the results go, so the JIT cannot drop the checks as unused. */
    private static int sink;

    private TokenChecks() {}

    static void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "benchmark"));
        Identity identity = Identity.at(work.resolve("token-checks-identity"), "https://idp.bench");
        String bearer = "Bearer " + identity.token("bench", Roles.WRITE);
        byte[] key = new byte[32];
        List<String> report = new ArrayList<>();
        report.add("# Token checks, ns per check (one thread; the median of five 1 s rounds)\n");
        report.add("| check | signature every time (cache TTL 0) | cache on (same token) |");
        report.add("|---|---|---|");
        report.add(
                "| money routes: RS256, CallerTokens.verify | %s | %s |"
                        .formatted(
                                nanos(money(identity, bearer, Duration.ZERO)),
                                nanos(money(identity, bearer, Duration.ofMinutes(1)))));
        report.add(
                "| merch shop: HS256, Tokens.verify | %s | %s |"
                        .formatted(
                                nanos(merch(key, Duration.ZERO)),
                                nanos(merch(key, Duration.ofMinutes(1)))));
        report.forEach(System.out::println);
        Files.write(work.resolve("tokens-report.md"), report);
    }

    /** The money routes' check of {@code bearer}, its verifier built once. */
    private static Supplier<Object> money(Identity identity, String bearer, Duration cacheTtl) {
        CallerTokens tokens =
                ConfiguredCallerTokens.of(
                        Optional.empty(),
                        Optional.of(identity.publicKey().toString()),
                        identity.issuer(),
                        cacheTtl,
                        Clock.systemUTC(),
                        new WarmUpPass());
        return () -> tokens.verify(bearer);
    }

    /** The merch shop's check of one of its tokens, its verifier built once. */
    private static Supplier<Object> merch(byte[] key, Duration cacheTtl) {
        Tokens tokens = ConfiguredTokens.of(key, Duration.ofHours(24), cacheTtl, Clock.systemUTC());
        String token = tokens.issue(42, "bench");
        return () -> tokens.verify(token).orElseThrow();
    }

    /** The median round's ns per check. */
    private static String nanos(Supplier<Object> check) {
        run(check, WARM_UP);
        double[] rounds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            rounds[round] = run(check, ROUND);
        }
        Arrays.sort(rounds);
        return "%,.0f ns".formatted(rounds[ROUNDS / 2]);
    }

    private static double run(Supplier<Object> check, Duration length) {
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        long checks = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                sink += check.get().hashCode();
            }
            checks += 100;
        }
        return (double) (System.nanoTime() - start) / checks;
    }
}

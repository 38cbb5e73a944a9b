package coffer.benchmark;

import coffer.testing.Load;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Coffer beside the {@link Baseline} at every point of the comparison: one hot user and small
 * changes spread over many users, each at 16 and 64 connections, closed loop. Each service is
 * warmed on each point until its throughput settles ({@link WarmUp}) and then measured for {@code
 * -Dbench.duration} seconds; the row gives both, and Coffer ÷ baseline. The two run one after the
 * other, never at once, on users of their own in the same table, so neither changes the rows the
 * other measures.
 */
final class SideBySide {

    /** One service under comparison: how to reach it, its curve, and its users. */
    record Side(String name, Load load, Curve curve, long hot, long[] spread) {}

    private record Measured(WarmUp warmUp, Curve.Point point) {}

    private final Side coffer;
    private final Side baseline;
    private final Duration measured;
    private final List<String> rows = new ArrayList<>();

    SideBySide(Side coffer, Side baseline, Duration measured) {
        this.coffer = coffer;
        this.baseline = baseline;
        this.measured = measured;
    }

    /** Measures every point; returns the report's section. */
    List<String> run() {
        for (int connections : new int[] {16, 64}) {
            point("Hot row: small debits and credits of one user", connections, false);
        }
        for (int connections : new int[] {16, 64}) {
            point(
                    "Spread: small changes over " + coffer.spread().length + " users",
                    connections,
                    true);
        }
        List<String> section = new ArrayList<>();
        section.add(
                "\n## Coffer beside the baseline\n\nThe baseline is a plain Node/Express service"
                        + " with pg (pool of the same size), one conditional UPDATE ... RETURNING"
                        + " per request, no ledger, no idempotency, no token check; same database,"
                        + " same users table, users of its own. Closed loop. Each service is warmed"
                        + " on each workload until its throughput stops rising (the last three 5 s"
                        + " windows within 5 % of each other, at most -Dbench.warm-up-windows), then"
                        + " measured for "
                        + measured.toSeconds()
                        + " s: that measured run is the steady state quoted. CPU is the service's"
                        + " process (user + system, /proc) per request.\n");
        section.add(
                "| workload | connections | Coffer | Coffer CPU, ms/req | baseline | baseline CPU,"
                        + " ms/req | Coffer ÷ baseline | Coffer's warm-up | baseline's warm-up |");
        section.add("|---|---|---|---|---|---|---|---|---|");
        section.addAll(rows);
        return section;
    }

    private void point(String workload, int connections, boolean spread) {
        Measured ours = measure(coffer, workload, connections, spread);
        Measured theirs = measure(baseline, workload, connections, spread);
        rows.add(
                "| %s | %d | %s | %.3f | %s | %.3f | %.2fx | %s | %s |"
                        .formatted(
                                workload,
                                connections,
                                cell(ours.point().result()),
                                ours.point().cpuMsPerRequest(),
                                cell(theirs.point().result()),
                                theirs.point().cpuMsPerRequest(),
                                ours.point().result().throughput()
                                        / theirs.point().result().throughput(),
                                ours.warmUp(),
                                theirs.warmUp()));
    }

    private Measured measure(Side side, String workload, int connections, boolean spread) {
        long[] users = spread ? side.spread() : new long[] {side.hot()};
        ClosedLoop loop = new ClosedLoop(side.load(), connections, i -> Benchmark.change(users));
        String name = workload + ", " + connections + " connections";
        WarmUp warmUp = loop.warmUp(side.curve(), name);
        Curve.Point point = side.curve().run(name + ", measured", () -> loop.runFor(measured));
        return new Measured(warmUp, point);
    }

    private static String cell(Load.Result result) {
        return "%.0f req/s; %s (%s)"
                .formatted(result.throughput(), result.latencies(), Benchmark.statuses(result));
    }
}

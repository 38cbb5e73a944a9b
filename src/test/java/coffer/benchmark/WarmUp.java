package coffer.benchmark;

import coffer.testing.Load;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a load shape in rounds until it settles, before the shape is measured. On two cores the JIT
 * keeps compiling a new shape's paths for a minute and more (the spread route from boot: 548, 815,
 * 895, 1,071, 1,259, 1,465 and then 1,922 req/s at 70 s, in 10 s windows), and a figure taken
 * before that is a point on the slope, not the service's. A fixed warm-up is either too short on a
 * slow machine or wasted on a fast one. Two ways to settle:
 *
 * <ul>
 *   <li>an open loop (the rate is fixed, so throughput says nothing): in 15 s rounds until a round
 *       keeps up with its arrivals (p99 at most a quarter second) and its p99 stopped improving
 *       (not more than a quarter, or 2 ms, below the round before it), at most ten rounds. Both
 *       halves were learnt on the merch mix: after a 15 s warm-up Payara ran at 113–174 % CPU and
 *       the next open loop inherited the backlog in its whole tail; and rounds of 10.9 s and then
 *       9.6 s are "within a quarter" of each other while the instance is still seconds behind its
 *       queue, which the sustained run then measured (p99 5.5 s);
 *   <li>a closed loop: in 5 s windows until its throughput stops rising: the last three windows
 *       within 5 % of each other, and their mean not more than 5 % above the three before them, at
 *       most {@code -Dbench.warm-up-windows} (24: two minutes). Three level windows alone are a
 *       plateau of the JIT's climb as often as its end: a new instance on the spread route stopped
 *       after 1226, 1283 and 1233 req/s with C2 still taking a quarter of its CPU, where the same
 *       climb went on to 2978.
 * </ul>
 */
final class WarmUp {

    private static final Duration ROUND = Duration.ofSeconds(15);
    private static final int MAX_ROUNDS = 10;

    /**
     * Past this p99 an open loop's requests queue behind its arrivals: at 1000 req/s, a quarter of
     * a second is 250 requests waiting, a backlog, not the service's steady state.
     */
    private static final double KEPT_UP_MS = 250;

    /** Below this, a change between rounds is scheduling noise, not compilation. */
    private static final double NOISE_MS = 2;

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int SETTLED_WINDOWS = 3;
    private static final double WITHIN = 0.05;
    private static final int MAX_WINDOWS = Integer.getInteger("bench.warm-up-windows", 24);

    private final boolean byThroughput;
    private final List<Load.Result> rounds = new ArrayList<>();

    private WarmUp(boolean byThroughput) {
        this.byThroughput = byThroughput;
    }

    /** An open loop's warm-up: {@code round} for 15 s at a time until its p99 settles. */
    static WarmUp untilSettled(Function<Duration, Load.Result> round) {
        return new WarmUp(false).run(round, ROUND, MAX_ROUNDS);
    }

    /** A closed loop's warm-up: {@code window} for 5 s at a time until its throughput settles. */
    static WarmUp untilThroughputSettles(Function<Duration, Load.Result> window) {
        return new WarmUp(true).run(window, WINDOW, MAX_WINDOWS);
    }

    private WarmUp run(Function<Duration, Load.Result> round, Duration length, int most) {
        while (rounds.size() < most && !settled()) {
            rounds.add(round.apply(length));
        }
        return this;
    }

    private boolean settled() {
        return byThroughput ? throughputSettled() : latencySettled();
    }

    private boolean latencySettled() {
        int size = rounds.size();
        if (size < 2) {
            return false;
        }
        return latencySettled(
                rounds.get(size - 2).latencies().p99(), rounds.get(size - 1).latencies().p99());
    }

    /** Whether an open loop whose p99 went from {@code previous} to {@code last} has settled. */
    static boolean latencySettled(double previous, double last) {
        return last <= KEPT_UP_MS && previous - last <= Math.max(NOISE_MS, previous / 4);
    }

    private boolean throughputSettled() {
        return throughputSettled(rounds.stream().mapToDouble(Load.Result::throughput).toArray());
    }

    /** Whether a closed loop whose windows gave these throughputs, in order, has settled. */
    static boolean throughputSettled(double... windows) {
        if (windows.length < 2 * SETTLED_WINDOWS) {
            return false;
        }
        int end = windows.length;
        DoubleSummaryStatistics last =
                Arrays.stream(windows, end - SETTLED_WINDOWS, end).summaryStatistics();
        double before =
                Arrays.stream(windows, end - 2 * SETTLED_WINDOWS, end - SETTLED_WINDOWS)
                        .average()
                        .orElseThrow();
        return last.getMin() >= last.getMax() * (1 - WITHIN)
                && last.getAverage() <= before * (1 + WITHIN);
    }

    /**
     * For the report: "after 45 s of warm-up (p99 by 15 s round: 412.0, 38.1, 35.0 ms)", or "after
     * 30 s of warm-up (req/s by 5 s window: 812, 1301, 1650, 1702, 1688, 1671)".
     */
    @Override
    public String toString() {
        Duration length = byThroughput ? WINDOW : ROUND;
        return "after %d s of warm-up (%s by %d s %s: %s%s)"
                .formatted(
                        rounds.size() * length.toSeconds(),
                        byThroughput ? "req/s" : "p99",
                        length.toSeconds(),
                        byThroughput ? "window" : "round",
                        rounds.stream()
                                .map(
                                        round ->
                                                byThroughput
                                                        ? "%.0f".formatted(round.throughput())
                                                        : "%.1f".formatted(round.latencies().p99()))
                                .collect(Collectors.joining(", ")),
                        (byThroughput ? "" : " ms") + (settled() ? "" : "; not settled"));
    }
}

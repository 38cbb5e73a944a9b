package coffer.benchmark;

import coffer.testing.Latencies;
import coffer.testing.Load;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a load shape in rounds until its p99 settles, before the shape is measured. On two cores the
 * JIT keeps compiling a new shape's paths for 30 s and more (measured on the merch mix: Payara at
 * 113–174 % CPU and every HTTP worker busy for the first 15 s after a 15 s warm-up, 55–80 % and 1–6
 * requests in flight after that), and an open loop measured before that inherits the backlog in its
 * whole tail. A fixed warm-up is either too short on a slow machine or wasted on a fast one.
 */
final class WarmUp {

    private static final Duration ROUND = Duration.ofSeconds(15);
    private static final int MAX_ROUNDS = 6;

    /** Below this, a change between rounds is scheduling noise, not compilation. */
    private static final double NOISE_MS = 2;

    private final List<Latencies.Summary> rounds = new ArrayList<>();

    /**
     * Runs {@code round} for 15 s at a time until a round's p99 is within a quarter (or 2 ms) of
     * the round before it, at most six rounds.
     */
    static WarmUp untilSettled(Function<Duration, Load.Result> round) {
        WarmUp warmUp = new WarmUp();
        while (warmUp.rounds.size() < MAX_ROUNDS && !warmUp.settled()) {
            warmUp.rounds.add(round.apply(ROUND).latencies());
        }
        return warmUp;
    }

    private boolean settled() {
        int size = rounds.size();
        if (size < 2) {
            return false;
        }
        double previous = rounds.get(size - 2).p99();
        double last = rounds.get(size - 1).p99();
        return Math.abs(last - previous) <= Math.max(NOISE_MS, previous / 4);
    }

    /** For the report: "after 45 s of warm-up (p99 by 15 s round: 412.0, 38.1, 35.0 ms)". */
    @Override
    public String toString() {
        return "after %d s of warm-up (p99 by %d s round: %s ms%s)"
                .formatted(
                        rounds.size() * ROUND.toSeconds(),
                        ROUND.toSeconds(),
                        rounds.stream()
                                .map(summary -> "%.1f".formatted(summary.p99()))
                                .collect(Collectors.joining(", ")),
                        settled() ? "" : "; not settled");
    }
}

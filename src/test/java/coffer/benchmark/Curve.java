package coffer.benchmark;

import coffer.testing.Load;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * One service's curve from its start: every run the benchmark makes against it (each warm-up window
 * and each measured run), with its throughput and the CPU the service's process spent per request
 * (user and system time from /proc). It is what a reader checks a quoted steady state against: a
 * figure taken while throughput still rises, or CPU per request still falls, is the JIT's, not the
 * service's.
 */
final class Curve {

    private final String service;
    private final long startNanos;
    private final DoubleSupplier cpuSeconds;
    private final List<String> rows = new ArrayList<>();

    /** The curve of a service started at {@code startNanos} ({@link System#nanoTime}). */
    Curve(String service, long startNanos, DoubleSupplier cpuSeconds) {
        this.service = service;
        this.startNanos = startNanos;
        this.cpuSeconds = cpuSeconds;
    }

    /** What one run did, and the CPU the service spent per request in it. */
    record Point(Load.Result result, double cpuMsPerRequest) {}

    /** Runs {@code run}, a run of {@code workload}, and adds it to the curve. */
    Point run(String workload, Supplier<Load.Result> run) {
        double cpuBefore = cpuSeconds.getAsDouble();
        long from = System.nanoTime();
        Load.Result result = run.get();
        Point point =
                new Point(
                        result, (cpuSeconds.getAsDouble() - cpuBefore) * 1000 / result.requests());
        rows.add(
                "| %.0f | %.1f | %s | %.0f | %.3f |"
                        .formatted(
                                (from - startNanos) / 1e9,
                                result.elapsedSeconds(),
                                workload,
                                result.throughput(),
                                point.cpuMsPerRequest()));
        return point;
    }

    /** The curve as a table for the report. */
    List<String> table() {
        List<String> table = new ArrayList<>();
        table.add(
                "| s from %s's start | run, s | workload | req/s | %s CPU, ms per request |"
                        .formatted(service, service));
        table.add("|---|---|---|---|---|");
        table.addAll(rows);
        return table;
    }
}

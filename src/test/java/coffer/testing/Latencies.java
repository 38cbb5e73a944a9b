package coffer.testing;

import java.util.Arrays;

/** Recorded latencies in nanoseconds, and their percentiles in milliseconds. */
public final class Latencies {

    private final long[] nanos;
    private int count;

    public Latencies(int capacity) {
        nanos = new long[capacity];
    }

    public synchronized void record(long latencyNanos) {
        if (count < nanos.length) {
            nanos[count++] = latencyNanos;
        }
    }

    public synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(
                count,
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Percentiles in milliseconds. */
    public record Summary(int count, double p50, double p95, double p99, double max) {

        @Override
        public String toString() {
            return "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms"
                    .formatted(p50, p95, p99, max);
        }
    }
}

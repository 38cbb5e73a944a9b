package coffer.warmup.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The warm-up's answers by status, and the requests that got none (-1), as readiness shows them.
 */
final class Tally {

    static final int NO_ANSWER = -1;

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void count(int status) {
        byStatus.computeIfAbsent(status, any -> new LongAdder()).increment();
    }

    long total() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** For example {@code 200=5120 400=2048 401=256 -1=0}, by status. */
    @Override
    public String toString() {
        Map<Integer, Long> sorted = new TreeMap<>();
        byStatus.forEach((status, count) -> sorted.put(status, count.sum()));
        return sorted.toString();
    }
}

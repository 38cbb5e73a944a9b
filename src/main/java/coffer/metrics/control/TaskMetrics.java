package coffer.metrics.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The runs this instance carries out, by task: started, finished by outcome, how long they took,
 * when the last one succeeded; the leases it holds, the expired leases it took over and the claims
 * it lost to another instance. The last success is a timestamp, as Prometheus prefers: {@code
 * time() - max by (task) (...)} is the time since the last success anywhere in the cluster.
 */
@ApplicationScoped
public class TaskMetrics {

    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10)
    };

    @Inject Meters meters;

    @Inject Clock clock;

    private final ConcurrentHashMap<String, AtomicLong> lastSuccessMillis =
            new ConcurrentHashMap<>();

    /** A run started; the task's other counters appear with it, at 0, as Prometheus advises. */
    public void started(String task) {
        counter("coffer.task.runs.started", "Runs started", task).increment();
        takeovers(task);
        claimsLost(task);
    }

    /**
     * A run ended, {@code nanos} after it started.
     *
     * @param outcome the status it was recorded with ({@code succeeded}, {@code failed}, {@code
     *     interrupted}) or {@code lease_lost}
     */
    public void finished(String task, String outcome, long nanos) {
        Counter.builder("coffer.task.runs.finished")
                .description("Runs ended, by outcome")
                .tag("task", task)
                .tag("outcome", outcome)
                .register(meters.registry())
                .increment();
        Timer.builder("coffer.task.run.duration")
                .description("How long runs took")
                .tag("task", task)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(meters.registry())
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void succeeded(String task) {
        lastSuccessMillis.computeIfAbsent(task, this::lastSuccessGauge).set(clock.millis());
    }

    /** An expired lease of another run (a crashed instance's, or this one's orphan) closed here. */
    public void tookOver(String task) {
        takeovers(task).increment();
    }

    public void claimLost(String task) {
        claimsLost(task).increment();
    }

    /** The number of leases this instance holds, read at every scrape. */
    public void leasesHeld(Supplier<Number> held) {
        Gauge.builder("coffer.task.leases.held", held)
                .description("Task leases this instance holds")
                .register(meters.registry());
    }

    private Counter takeovers(String task) {
        return counter("coffer.task.lease.takeovers", "Expired or orphaned leases freed", task);
    }

    private Counter claimsLost(String task) {
        return counter("coffer.task.claims.lost", "Claims another instance won", task);
    }

    private Counter counter(String name, String description, String task) {
        return Counter.builder(name)
                .description(description)
                .tag("task", task)
                .register(meters.registry());
    }

    private AtomicLong lastSuccessGauge(String task) {
        AtomicLong millis = new AtomicLong();
        Gauge.builder("coffer.task.last.success.timestamp", millis, at -> at.get() / 1000.0)
                .description("When a run of the task last succeeded on this instance")
                .tag("task", task)
                .baseUnit("seconds")
                .register(meters.registry());
        return millis;
    }
}

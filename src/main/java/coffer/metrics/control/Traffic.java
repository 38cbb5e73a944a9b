package coffer.metrics.control;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests by route, method and status (rate, errors, duration), those in flight, and the problem
 * answers by type (which tells an overloaded instance's 503 from a database outage's). The duration
 * histogram's buckets are cumulative counters that bracket the 50 ms objective closely, so {@code
 * histogram_quantile} over their {@code rate} is good to about a bucket's width, for one instance
 * or summed over all.
 */
@ApplicationScoped
public class Traffic {

    private static final Duration[] BUCKETS =
            durations(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500);

    @Inject Meters meters;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<Route, Timer> timers = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        Gauge.builder("coffer.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests received and not yet answered")
                .register(meters.registry());
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /** A request answered, {@code nanos} after it was received. */
    public void answered(String route, String method, int status, long nanos) {
        inFlight.decrementAndGet();
        timers.computeIfAbsent(new Route(route, method, status), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A problem answered, by the slug of its type, e.g. {@code overloaded}. */
    public void problem(String type) {
        meters.registry().counter("coffer.http.problems", "type", type).increment();
    }

    private Timer timer(Route route) {
        return Timer.builder("coffer.http.requests")
                .description("Requests answered, by route template, method and status")
                .tag("route", route.template())
                .tag("method", route.method())
                .tag("status", Integer.toString(route.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(meters.registry());
    }

    private static Duration[] durations(double... millis) {
        Duration[] durations = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(millis[i] * 1_000_000));
        }
        return durations;
    }

    private record Route(String template, String method, int status) {}
}

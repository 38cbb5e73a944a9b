package coffer.metrics.control;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry every Coffer metric lives in, with the JVM's heap, GC, threads and CPU bound to it,
 * and the JDBC pool's use ({@link DatabaseConnections}). One per deployment, never Micrometer's
 * static global one, so a redeployment starts afresh and the old one's GC listeners are removed
 * with it.
 */
@ApplicationScoped
public class Meters {

    /** The pool's size, as web.xml's data source reads it. */
    @Inject
    @ConfigProperty(name = "db.pool.max-size", defaultValue = "8")
    int poolMaxSize;

    private PrometheusMeterRegistry registry;
    private JvmGcMetrics gc;

    @PostConstruct
    void bindJvm() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindPool();
    }

    private void bindPool() {
        Gauge.builder("coffer.db.connections.in.use", DatabaseConnections::held)
                .description("JDBC connections JPA holds (a writing transaction: to its end)")
                .register(registry);
        Gauge.builder("coffer.db.connections.waiting", DatabaseConnections::waiting)
                .description("Callers waiting for the pool to hand them a connection")
                .register(registry);
        Gauge.builder("coffer.db.connections.max", () -> poolMaxSize)
                .description("The JDBC pool's size")
                .register(registry);
        Timer waits =
                Timer.builder("coffer.db.connection.wait")
                        .description("How long taking a connection from the pool took")
                        .serviceLevelObjectives(
                                Duration.ofNanos(100_000),
                                Duration.ofMillis(1),
                                Duration.ofMillis(10),
                                Duration.ofMillis(100),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(10))
                        .register(registry);
        DatabaseConnections.recordWaitsIn(nanos -> waits.record(nanos, TimeUnit.NANOSECONDS));
    }

    @PreDestroy
    void close() {
        DatabaseConnections.recordWaitsIn(nanos -> {});
        gc.close();
        registry.close();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every metric in Prometheus' text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }
}

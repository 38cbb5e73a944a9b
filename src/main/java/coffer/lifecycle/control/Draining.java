package coffer.lifecycle.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the instance is on its way out; readiness, the admission of requests and the components
 * that hold work all follow it. On SIGTERM: readiness goes DOWN at once and {@link Leaving} is
 * fired (the scheduler hands its runs on), requests are still served for {@code shutdown.notice}
 * (so a load balancer polling readiness stops routing here first), then new requests are refused,
 * those in flight drain, and {@link Stopping} is fired (on which {@link HttpListeners} closes the
 * listener); all within {@code shutdown.grace}, before Payara Micro undeploys.
 *
 * <p>Two container-wide changes, because nothing narrower exists:
 *
 * <ul>
 *   <li>A JVM shutdown hook. Payara Micro's own hook sleeps {@code fish.payara.shutdowngrace}
 *       milliseconds (its {@code --shutdowngrace}) and only then stops the server, and it tells the
 *       application nothing before it undeploys it, by which time the connection pool is closed. So
 *       the hook is the only signal while the instance can still answer. It only signals: the work
 *       runs on a thread of the container's {@link ManagedThreadFactory}, in the application's
 *       context, and the hook waits for it. It is removed on undeploy.
 *   <li>That grace period. Payara's hook reads the system property when it starts, concurrently
 *       with this one, so it must be set beforehand. It is set at deployment to {@code
 *       shutdown.grace} only when the operator gave none, and cleared again on undeploy if it is
 *       still the value set here; an operator's {@code --shutdowngrace} is never changed, and a
 *       shorter one shortens the drain.
 * </ul>
 *
 * <p>Once SIGTERM has arrived, the application's own classes can no longer be loaded (a refusal
 * that needed a class not yet loaded failed with {@code NoClassDefFoundError}, answered as Payara's
 * HTML 500): so at deployment every class of the application is loaded, to be at hand for the drain
 * and the answers it gives.
 */
@ApplicationScoped
public class Draining {

    private static final Logger LOG = Logger.getLogger(Draining.class.getName());

    static final String PAYARA_GRACE = "fish.payara.shutdowngrace";

    /** Kept from the grace for the work in flight to finish once the drain ends. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(2);

    private static final long POLL_MILLIS = 20;

    /** Where the instance is; each phase only follows the one before. */
    public enum Phase {
        /** Ready, serving. */
        SERVING,
        /** Readiness DOWN; requests still served while load balancers notice. */
        UNREADY,
        /** New requests refused; those in flight drain. */
        REFUSING,
        /** The work held is stopped. */
        STOPPED
    }

    @Resource ManagedThreadFactory threads;

    @Inject Event<Leaving> leaving;

    @Inject Event<Stopping> stopping;

    @Inject
    @ConfigProperty(name = "shutdown.notice", defaultValue = "PT2S")
    Duration notice;

    @Inject
    @ConfigProperty(name = "shutdown.grace", defaultValue = "PT10S")
    Duration grace;

    /** The grace this instance has: {@code shutdown.grace}, or Payara's if shorter. */
    volatile Duration budget;

    private final CountDownLatch signalled = new CountDownLatch(1);
    private final CountDownLatch drained = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread hook = new Thread(this::signal, "coffer-shutdown-signal");
    private volatile Phase phase = Phase.SERVING;
    private volatile boolean undeployed;
    private String graceSetHere;

    /** At deployment: waits, on a managed thread, for the JVM to be told to stop. */
    void install(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        String operators = System.getProperty(PAYARA_GRACE);
        budget = grace;
        if (operators == null) {
            graceSetHere = Long.toString(grace.toMillis());
            System.setProperty(PAYARA_GRACE, graceSetHere);
        } else if (Duration.ofMillis(Long.parseLong(operators)).compareTo(grace) < 0) {
            budget = Duration.ofMillis(Long.parseLong(operators));
            LOG.warning(() -> "Payara's --shutdowngrace " + operators + " ms shortens the drain");
        }
        loadAllClasses();
        Thread watcher = threads.newThread(this::drainOnceSignalled);
        watcher.setName("coffer-shutdown");
        watcher.start();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** An undeploy: the components stop their own work; the JVM-wide changes are undone. */
    @PreDestroy
    void uninstall() {
        undeployed = true;
        signalled.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmStopping) {
            // The hook runs or ran; nothing to remove.
        }
        if (graceSetHere != null && graceSetHere.equals(System.getProperty(PAYARA_GRACE))) {
            System.clearProperty(PAYARA_GRACE);
        }
    }

    /** Loads (without initialising) every class under {@code coffer/} beside this one. */
    private static void loadAllClasses() {
        ClassLoader loader = Draining.class.getClassLoader();
        URL component = loader.getResource("coffer/");
        if (component == null || !"file".equals(component.getProtocol())) {
            return;
        }
        try (Stream<Path> files = Files.walk(Path.of(component.toURI()))) {
            Path classes = Path.of(component.toURI()).getParent();
            files.map(Path::toString)
                    .filter(file -> file.endsWith(".class"))
                    .map(file -> classes.relativize(Path.of(file)).toString())
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .forEach(name -> load(name.replace('/', '.'), loader));
        } catch (IOException | URISyntaxException unreadable) {
            LOG.log(Level.WARNING, "Could not load the application's classes ahead", unreadable);
        }
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError notLoadable) {
            LOG.fine(() -> name + " not loaded ahead: " + notLoadable);
        }
    }

    public Phase phase() {
        return phase;
    }

    /** Whether this instance wants traffic: false from the moment it is told to stop. */
    public boolean ready() {
        return phase == Phase.SERVING;
    }

    /**
     * A request arrives: admitted (and counted until {@link #answered()}) unless the instance
     * refuses new requests. Counted before the phase is read, so the drain, which reads the count
     * after setting the phase, sees every request admitted.
     */
    public boolean admit() {
        inFlight.incrementAndGet();
        if (phase.compareTo(Phase.REFUSING) >= 0) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** An admitted request was answered. */
    public void answered() {
        inFlight.decrementAndGet();
    }

    /** The JVM hook: signals, and holds the JVM until the drain is done or its time is up. */
    private void signal() {
        signalled.countDown();
        try {
            drained.await(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainOnceSignalled() {
        try {
            signalled.await();
            if (undeployed) {
                return;
            }
            drain(System.nanoTime());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "The drain failed; undeploy stops what is left", failed);
        } finally {
            drained.countDown();
        }
    }

    void drain(long signalledAt) throws InterruptedException {
        phase = Phase.UNREADY;
        leaving.fireAsync(new Leaving());
        LOG.info(() -> "Shutting down: readiness DOWN, serving " + notice + " more");
        Thread.sleep(notice.toMillis());
        phase = Phase.REFUSING;
        long until = signalledAt + budget.minus(STOP_MARGIN).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(POLL_MILLIS);
        }
        int left = inFlight.get();
        LOG.info(() -> "Shutting down: new requests refused; " + left + " still in flight");
        stopping.fire(new Stopping());
        phase = Phase.STOPPED;
    }
}

package coffer.merch.control;

import coffer.lifecycle.control.Stopping;
import coffer.metrics.control.Meters;
import coffer.problems.entity.ServiceOverloaded;
import coffer.problems.entity.ShuttingDown;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the logins that need a bcrypt hash wait their turn, so that a login storm holds no HTTP
 * worker: the request is suspended, the login queued ({@link HashingSlots}), and run on the
 * container's default managed executor once one of the {@code merch.password.concurrency} slots
 * (default: the number of cores) is free. At most that many run at once, so the executor's pool is
 * never the bound; the queue in front of it is.
 *
 * <p>A login is refused with 503 only when its expected wait passes {@code merch.login.max-wait}
 * (default 1.5 s). {@code merch.login.max-waiting} (default 10,000) bounds the memory the queue
 * holds (a suspended request, a few KiB each): far above the few dozen logins the expected wait
 * admits at cost 10. A client that has had no answer after {@code merch.login.answer-timeout}
 * (default 5 s, above the wait bound) is answered 503, and its login, if still queued, is dropped
 * unhashed. When the instance stops ({@link Stopping}), every login still queued is answered {@code
 * shutting-down}. The logins waiting are a gauge, {@code coffer_merch_logins_waiting}.
 */
@ApplicationScoped
public class LoginQueue {

    private static final Logger LOG = Logger.getLogger(LoginQueue.class.getName());

    @Resource ManagedExecutorService executor;

    @Inject Meters meters;

    @Inject
    @ConfigProperty(name = "merch.password.concurrency", defaultValue = "0")
    int concurrency;

    @Inject
    @ConfigProperty(name = "merch.login.max-wait", defaultValue = "PT1.5S")
    Duration maxWait;

    @Inject
    @ConfigProperty(name = "merch.login.max-waiting", defaultValue = "10000")
    int maxWaiting;

    @Inject
    @ConfigProperty(name = "merch.login.answer-timeout", defaultValue = "PT5S")
    Duration answerTimeout;

    private HashingSlots slots;

    @PostConstruct
    void open() {
        if (answerTimeout.compareTo(maxWait) <= 0) {
            throw new IllegalStateException(
                    "merch.login.answer-timeout ("
                            + answerTimeout
                            + ") must be longer than merch.login.max-wait ("
                            + maxWait
                            + "), or admitted logins would time out waiting");
        }
        slots =
                new HashingSlots(
                        concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors(),
                        maxWaiting,
                        maxWait,
                        answerTimeout,
                        executor,
                        System::nanoTime);
        Gauge.builder("coffer.merch.logins.waiting", slots, HashingSlots::waiting)
                .description("logins waiting for a password check slot")
                .register(meters.registry());
    }

    /**
     * The login's result, once it has run in a slot.
     *
     * @throws ServiceOverloaded when its wait for a slot would be too long
     * @throws ShuttingDown when the instance is stopping
     */
    public <T> CompletableFuture<T> submit(Supplier<T> login) {
        return slots.submit(login);
    }

    /** How long a client waits for its login's answer before it is answered 503. */
    public Duration answerTimeout() {
        return answerTimeout;
    }

    /** The instance stops once its requests drained: the logins still queued are answered. */
    void stopWhenDrained(@Observes Stopping stop) {
        close();
    }

    @PreDestroy
    void close() {
        int answered = slots.close();
        if (answered > 0) {
            LOG.info(() -> answered + " queued logins answered shutting-down");
        }
    }
}

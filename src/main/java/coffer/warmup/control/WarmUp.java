package coffer.warmup.control;

import coffer.access.control.WarmUpPass;
import coffer.migration.control.SchemaMigrator;
import coffer.tasks.control.LocalInstance;
import coffer.warmup.control.LoopbackClient.Call;
import coffer.warmup.control.Progress.Phase;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Warms this instance before it reports ready. A new JVM runs Coffer's request paths interpreted at
 * first: a fresh instance given the HighLoad Balance App's burst (1000 new connections a second)
 * answered 596 of 10,000 and let the rest time out, where the same instance warmed served them all.
 * So once deployed and migrated, it sends real requests to its own HTTP listener on loopback
 * ({@link LoopbackClient}) from {@value #THREADS} threads for {@code warmup.duration} (production
 * default 30 s; {@code PT0S} turns it off), half of them on new connections, the routes and answers
 * the burst will need ({@link Rounds}) on scratch data nobody else knows ({@link ScratchData}),
 * with a token of its own that is accepted only while it runs ({@link WarmUpPass}). Through HTTP
 * rather than by calling the beans, because what is cold is the whole path: Grizzly's accept and
 * parse, Jersey's dispatch, the JSON readers, the filters, the batching lanes, JPA, the JDBC
 * driver. Readiness stays DOWN until it is done ({@code WarmUpReadiness}).
 *
 * <p>It gives up after two minutes without its scratch data (the routes never answered) and lets
 * readiness go by it, since a warm-up must never keep an instance out of service. It stops at once
 * when the application undeploys. Nothing it does depends on an answer being a success: a refusal
 * warms its path as well.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());
    private static final int THREADS = 16;
    private static final Duration SCRATCH_TIMEOUT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 250;

    @Inject
    @ConfigProperty(name = "warmup.duration", defaultValue = "PT30S")
    Duration duration;

    @Inject SchemaMigrator migrator;

    @Inject LocalInstance instance;

    @Inject WarmUpPass pass;

    @Resource ManagedThreadFactory threads;

    private final Tally tally = new Tally();
    private final List<Thread> running = new CopyOnWriteArrayList<>();
    private volatile Phase phase = Phase.WAITING;
    private volatile String note = "";
    private volatile boolean stopping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        if (duration.isZero() || duration.isNegative()) {
            skip("warmup.duration is " + duration);
        } else if (instance.httpPort() == 0) {
            skip("this instance's HTTP port is unknown");
        } else {
            begin("coffer-warm-up", this::conduct);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        running.forEach(Thread::interrupt);
    }

    public Progress progress() {
        return new Progress(phase, duration, tally.total(), tally.toString(), note);
    }

    private void conduct() {
        Map<String, String> credential =
                Map.of("Authorization", "Bearer " + pass.open(duration.plus(SCRATCH_TIMEOUT)));
        try (LoopbackClient client = new LoopbackClient(instance.httpPort(), credential)) {
            awaitSchema();
            ScratchData scratch = open(client);
            phase = Phase.WARMING;
            LOG.info(() -> "Warming up for " + duration + " before reporting ready");
            long deadline = System.nanoTime() + duration.toNanos();
            List<Thread> workers =
                    IntStream.range(0, THREADS)
                            .mapToObj(
                                    thread ->
                                            begin(
                                                    "coffer-warm-up-" + thread,
                                                    () ->
                                                            work(
                                                                    credential,
                                                                    scratch,
                                                                    thread,
                                                                    deadline)))
                            .toList();
            for (Thread worker : workers) {
                worker.join();
            }
            if (stopping) {
                note = "stopped: the application is undeploying";
                return;
            }
            phase = Phase.DONE;
            LOG.info(() -> "Warm-up done: " + tally.total() + " requests, " + tally);
        } catch (InterruptedException undeploying) {
            note = "stopped: the application is undeploying";
        } catch (IOException neverServed) {
            skip(neverServed.getMessage());
        } finally {
            pass.close();
        }
    }

    private void awaitSchema() throws InterruptedException {
        while (!migrator.isMigrated() && !stopping) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    private ScratchData open(LoopbackClient client) throws InterruptedException, IOException {
        long giveUp = System.nanoTime() + SCRATCH_TIMEOUT.toNanos();
        while (true) {
            try {
                return ScratchData.open(client);
            } catch (IOException notServedYet) {
                if (stopping || System.nanoTime() > giveUp) {
                    throw new IOException(
                            "no scratch data: POST /users " + notServedYet.getMessage());
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private void work(
            Map<String, String> credential, ScratchData scratch, int thread, long deadline) {
        try (LoopbackClient client = new LoopbackClient(instance.httpPort(), credential)) {
            long sent = 0;
            for (long round = 0; System.nanoTime() < deadline; round++) {
                for (Call call : Rounds.next(scratch, thread, round)) {
                    if (stopping) {
                        return;
                    }
                    try {
                        tally.count(client.send(call, sent++ % 2 == 0).status());
                    } catch (IOException unanswered) {
                        tally.count(Tally.NO_ANSWER);
                    }
                }
            }
        }
    }

    private Thread begin(String name, Runnable work) {
        Thread thread = threads.newThread(work);
        thread.setName(name);
        running.add(thread);
        thread.start();
        return thread;
    }

    private void skip(String why) {
        note = why;
        phase = Phase.SKIPPED;
        LOG.info(() -> "Warm-up skipped: " + why);
    }
}

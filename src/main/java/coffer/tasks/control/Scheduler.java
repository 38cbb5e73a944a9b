package coffer.tasks.control;

import coffer.metrics.control.TaskMetrics;
import coffer.migration.control.SchemaMigrator;
import coffer.tasks.entity.RunStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * This instance's part in running the tasks, driven by the timer once a second: say it is alive,
 * free the leases it holds without running them (after a database failure) and those of instances
 * that died, claim the due tasks assigned to it by {@link FairShare}, and start each claimed run on
 * a managed thread. A tick the database cannot answer fails as a whole and the next one starts
 * over.
 */
@ApplicationScoped
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);

    /** How long a new instance waits at most for the rest of its cluster (see settled()). */
    private static final Duration SETTLE_AT_MOST = Duration.ofSeconds(20);

    /** Where the scheduler of this instance is. */
    public enum State {
        STARTING,
        ACTIVE,
        DISABLED,
        STOPPED
    }

    @Inject TaskSettings settings;

    @Inject LocalInstance local;

    @Inject Leases leases;

    @Inject InstanceRegistry registry;

    @Inject TaskRunner runner;

    @Inject SchemaMigrator migrator;

    @Inject TaskFunctions functions;

    @Inject Clock clock;

    @Inject TaskMetrics metrics;

    @Resource ManagedExecutorService executor;

    private final Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();
    private final ReentrantLock ticking = new ReentrantLock();
    private volatile Instant created;
    private volatile State state = State.STARTING;
    private volatile boolean registered;
    private Instant registeredAt;
    private Instant settledAt;
    private volatile Instant lastTick;
    private volatile String lastTickFailure;

    @PostConstruct
    void rememberStart() {
        created = clock.instant();
        metrics.leasesHeld(inFlight::size);
    }

    /** One tick; a tick still busy when the next one fires makes that one a no-op. */
    public void tick() {
        if (!ticking.tryLock()) {
            return;
        }
        try {
            tickExclusively();
        } finally {
            ticking.unlock();
        }
    }

    private void tickExclusively() {
        if (!settings.enabled()) {
            state = State.DISABLED;
            return;
        }
        if (state == State.STOPPED || !migrator.isMigrated()) {
            return;
        }
        try {
            if (registered) {
                registry.heartbeat(local);
            } else {
                registry.register(local);
                registered = true;
                registeredAt = clock.instant();
                LOG.info(
                        () ->
                                "Instance "
                                        + local.name()
                                        + " as "
                                        + local.id()
                                        + " ("
                                        + local.host()
                                        + ":"
                                        + local.httpPort()
                                        + ") runs tasks");
            }
            leases.releaseOrphans(local.id(), runsInFlight());
            // Whoever frees a dead instance's task takes it over at once, in this very tick.
            leases.abandonExpired().forEach(this::claim);
            if (settled()) {
                claimDueTasks();
                state = State.ACTIVE;
            }
            lastTick = clock.instant();
            lastTickFailure = null;
        } catch (RuntimeException failure) {
            lastTickFailure = failure.getClass().getSimpleName();
            LOG.log(Level.WARNING, "Scheduler tick failed; trying again at the next one", failure);
        }
    }

    /**
     * A graceful shutdown: stops the runs in progress and waits, up to {@code tasks.stop-wait}, for
     * each to end. A run ends by recording itself INTERRUPTED and making its task due at once, so
     * its lease is freed only after its work has stopped writing. A run that does not end in time
     * keeps its lease until it expires, and its writes are refused from then on. Waits for a tick
     * in progress, so nothing is claimed after it.
     */
    public void stop() {
        ticking.lock();
        try {
            if (state == State.STOPPED) {
                return;
            }
            State before = state;
            state = State.STOPPED;
            List<InFlight> runs = List.copyOf(inFlight.values());
            runs.forEach(run -> run.future().cancel(true));
            long deadline = System.nanoTime() + settings.stopWait().toNanos();
            for (InFlight run : runs) {
                awaitEnd(run, deadline);
            }
            if (registered) {
                registry.markStopped(local.id());
            }
            LOG.info(() -> "Scheduler of " + local.id() + " stopped (was " + before + ")");
        } catch (RuntimeException failure) {
            LOG.log(
                    Level.WARNING,
                    "Scheduler could not stop cleanly; unreleased leases expire",
                    failure);
        } finally {
            ticking.unlock();
        }
    }

    public State state() {
        return state;
    }

    /**
     * Whether the scheduler does its part: disabled, or ticking successfully within the last half
     * minute (or started less than that ago).
     */
    public boolean healthy() {
        if (state == State.DISABLED) {
            return true;
        }
        if (state == State.STOPPED) {
            return false;
        }
        Instant since = lastTick == null ? created : lastTick;
        return since.isAfter(clock.instant().minus(HEALTHY_WITHIN));
    }

    public String instanceId() {
        return local.id();
    }

    public List<String> runningTasks() {
        return inFlight.values().stream().map(run -> run.lease().taskName()).sorted().toList();
    }

    /** When the last tick completed, by this instance's clock; null before the first. */
    public Instant lastTick() {
        return lastTick;
    }

    public String lastTickFailure() {
        return lastTickFailure;
    }

    /**
     * Whether this instance may start claiming: once every member of its Payara Micro cluster has
     * registered, or after {@link #SETTLE_AT_MOST}. Without this wait, the first instance of a
     * cluster started at once deploys a few seconds before the others, finds itself the only live
     * instance, and fairly takes every due task, holding them for a whole run. A member that never
     * registers (tasks disabled, deployment failed) delays only this first claim.
     */
    private boolean settled() {
        if (settledAt == null
                && (registry.liveCount() >= local.clusterSize()
                        || clock.instant().isAfter(registeredAt.plus(SETTLE_AT_MOST)))) {
            settledAt = clock.instant();
            LOG.info(() -> "Instance " + local.id() + " claims tasks from now on");
        }
        return settledAt != null;
    }

    private void claimDueTasks() {
        List<DueTask> due = leases.dueTasks();
        if (due.isEmpty()) {
            return;
        }
        if (clock.instant().isBefore(settledAt.plus(settings.claimGrace()))) {
            // Tasks left waiting while the cluster started are nobody's fault: rather than take
            // them all as overdue, give the other instances, settling at about the same moment,
            // the grace period to claim their share.
            due = due.stream().map(DueTask::onTime).toList();
        }
        FairShare.toClaim(local.id(), due, registry.liveLoads()).forEach(this::claim);
    }

    /**
     * Claims the task unless it runs here already or its function is not deployed on this instance
     * (an instance of an older version, say): then it is left to the others, which take it over
     * once it has waited out the claim grace.
     */
    private void claim(DueTask task) {
        if (state != State.STOPPED
                && !inFlight.containsKey(task.id())
                && functions.named(task.functionName()).isPresent()) {
            // Sent before the claim: the lease lasts its time to live from no earlier than now.
            long claimSent = System.nanoTime();
            leases.claim(task, local.id())
                    .ifPresentOrElse(
                            lease -> start(lease, claimSent), () -> metrics.claimLost(task.name()));
        }
    }

    /**
     * The runs this instance is carrying out. Only ticks add to it, and a run leaves it only after
     * its end was recorded or given up, so a lease held by this instance under any other run is one
     * nobody carries out.
     */
    private Set<Long> runsInFlight() {
        return inFlight.values().stream()
                .map(run -> run.lease().runId())
                .collect(Collectors.toSet());
    }

    /**
     * Waits for a run stopped by {@link #stop()} to end. Its runner has then released its lease; a
     * run cancelled before it began never will, and nothing of it ran, so its lease is released
     * here.
     */
    private void awaitEnd(InFlight run, long deadlineNanos) {
        try {
            if (!run.ended().await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                LOG.warning(
                        () ->
                                run.lease().logPrefix()
                                        + " still running at shutdown; its lease is left to"
                                        + " expire");
                return;
            }
        } catch (InterruptedException stopWaiting) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!run.began().get()) {
            leases.finishAndReschedule(
                    run.lease(),
                    RunStatus.INTERRUPTED,
                    "Instance " + local.id() + " shut down before the run began.",
                    Duration.ZERO);
        }
        LOG.info(() -> run.lease().logPrefix() + " interrupted by shutdown");
    }

    /**
     * Registers the run before handing it to another thread, so that its end, however soon it
     * comes, finds it and removes exactly this run's entry.
     */
    private void start(Lease lease, long claimSent) {
        LeaseTerm term = new LeaseTerm(lease, settings.leaseTtl(), claimSent);
        AtomicBoolean began = new AtomicBoolean();
        InFlight run =
                new InFlight(
                        lease,
                        new FutureTask<>(
                                () -> {
                                    began.set(true);
                                    runner.run(lease, term);
                                },
                                null),
                        began,
                        new CountDownLatch(1));
        inFlight.put(lease.taskId(), run);
        try {
            executor.execute(
                    () -> {
                        try {
                            run.future().run();
                        } finally {
                            inFlight.remove(lease.taskId(), run);
                            run.ended().countDown();
                        }
                    });
        } catch (RuntimeException rejected) {
            // Never started: the lease expires and the run is closed as ABANDONED.
            inFlight.remove(lease.taskId(), run);
            throw rejected;
        }
    }

    /**
     * A run in progress; cancelling its future interrupts the thread that runs it, {@code began}
     * says whether its work was started, and {@code ended} opens once it has ended either way.
     */
    private record InFlight(
            Lease lease, FutureTask<Void> future, AtomicBoolean began, CountDownLatch ended) {}
}

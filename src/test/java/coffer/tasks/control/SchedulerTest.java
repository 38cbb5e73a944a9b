package coffer.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.metrics.control.TaskMetrics;
import coffer.migration.control.SchemaMigrator;
import coffer.tasks.entity.RunStatus;
import coffer.testing.MutableClock;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's own rules, on one instance whose database, cluster and executor are played by the
 * test: runs end before {@code start} returns (except in the tests of a stop with a run in flight,
 * which run on threads of their own), and the clock moves only when told.
 */
class SchedulerTest {

    private static final DueTask PURGE =
            new DueTask(7, "PurgeIdempotencyKeys", "purge", Duration.ofHours(1), false);
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final List<Lease> ran = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private List<DueTask> due = List.of(PURGE);
    private List<InstanceLoad> otherInstances = List.of();
    private int clusterSize = 1;
    private int registered = 1;
    private boolean running = true;
    private final Scheduler scheduler = scheduler();

    @Test
    void runThatEndsBeforeStartReturnsLeavesTheTaskFreeToBeClaimedAgain() {
        scheduler.tick();
        assertThat(ran).hasSize(1);
        assertThat(scheduler.runningTasks()).isEmpty();

        scheduler.tick();

        assertThat(ran).extracting(Lease::runId).containsExactly(1L, 2L);
        assertThat(scheduler.runningTasks()).isEmpty();
    }

    @Test
    void aNewInstanceClaimsNothingUntilItsWholeClusterHasRegistered() {
        clusterSize = 3;
        scheduler.tick();
        clock.advance(Duration.ofSeconds(10));
        scheduler.tick();
        assertThat(ran).isEmpty();
        assertThat(scheduler.state()).isEqualTo(Scheduler.State.STARTING);

        registered = 3;
        scheduler.tick();

        assertThat(ran).hasSize(1);
        assertThat(scheduler.state()).isEqualTo(Scheduler.State.ACTIVE);
    }

    @Test
    void aNewInstanceWaitsTwentySecondsAtMostForItsCluster() {
        clusterSize = 3;
        scheduler.tick();
        clock.advance(Duration.ofSeconds(20));
        scheduler.tick();
        assertThat(ran).isEmpty();

        clock.advance(Duration.ofMillis(1));
        scheduler.tick();

        assertThat(ran).hasSize(1);
    }

    @Test
    void tasksThatWaitedDuringStartUpGoToTheirInstanceForTheGracePeriod() {
        due = List.of(new DueTask(7, "PurgeIdempotencyKeys", "purge", Duration.ofHours(1), true));
        // "another" sorts before "me", so the fair share gives it the task.
        otherInstances = List.of(new InstanceLoad("another", 0, 0));
        scheduler.tick();
        clock.advance(GRACE.minusMillis(1));
        scheduler.tick();
        assertThat(ran).isEmpty();

        clock.advance(Duration.ofMillis(1));
        scheduler.tick();

        assertThat(ran).extracting(Lease::taskName).containsExactly("PurgeIdempotencyKeys");
    }

    @Test
    void aTaskWhoseFunctionIsNotDeployedHereIsLeftToOtherInstances() {
        due =
                List.of(
                        new DueTask(
                                8,
                                "FromANewerVersion",
                                "not-deployed-here",
                                Duration.ofHours(1),
                                true),
                        PURGE);

        scheduler.tick();

        assertThat(ran).extracting(Lease::taskName).containsExactly("PurgeIdempotencyKeys");
    }

    @Test
    void isHealthyWhileItTicksWithinHalfAMinute() {
        assertThat(scheduler.healthy()).isTrue();
        clock.advance(Duration.ofSeconds(29));
        scheduler.tick();
        clock.advance(Duration.ofSeconds(29));
        assertThat(scheduler.healthy()).isTrue();

        clock.advance(Duration.ofSeconds(1));

        assertThat(scheduler.healthy()).isFalse();
    }

    @Test
    void stopsClaimingOnceStopped() {
        scheduler.tick();
        scheduler.stop();
        scheduler.tick();

        assertThat(ran).hasSize(1);
        assertThat(scheduler.state()).isEqualTo(Scheduler.State.STOPPED);
        assertThat(scheduler.healthy()).isFalse();
        assertThat(running).isFalse();
    }

    @Test
    void stopLetsARunInFlightStopWritingBeforeItsLeaseIsReleased() throws Exception {
        CountDownLatch stepStarted = new CountDownLatch(1);
        runOnThreadsThrough(
                run -> {
                    stepStarted.countDown();
                    try {
                        Thread.sleep(Duration.ofMinutes(1).toMillis());
                    } catch (InterruptedException shutdown) {
                        // The step in progress still commits after the interrupt.
                        Thread.sleep(100);
                        events.add("step committed");
                        throw shutdown;
                    }
                });
        scheduler.tick();
        stepStarted.await();

        scheduler.stop();

        assertThat(events).containsExactly("step committed", "released INTERRUPTED");
        assertThat(scheduler.runningTasks()).isEmpty();
        assertThat(running).isFalse();
    }

    @Test
    void aRunThatDoesNotStopWithinTheStopWaitKeepsItsLeaseToExpire() throws Exception {
        CountDownLatch stepStarted = new CountDownLatch(1);
        CountDownLatch letItEnd = new CountDownLatch(1);
        runOnThreadsThrough(
                run -> {
                    stepStarted.countDown();
                    while (letItEnd.getCount() > 0) {
                        try {
                            letItEnd.await();
                        } catch (InterruptedException ignored) {
                            // Deaf to the shutdown, like a statement the driver cannot cancel.
                        }
                    }
                });
        scheduler.tick();
        stepStarted.await();

        scheduler.stop();

        assertThat(events).as("nothing released while the run may still write").isEmpty();
        assertThat(scheduler.runningTasks()).containsExactly("PurgeIdempotencyKeys");
        letItEnd.countDown();
    }

    private Scheduler scheduler() {
        Scheduler scheduler = new Scheduler();
        scheduler.clock = clock;
        scheduler.settings = settings();
        scheduler.local =
                new LocalInstance() {
                    @Override
                    public String id() {
                        return "me";
                    }

                    @Override
                    public int clusterSize() {
                        return clusterSize;
                    }
                };
        scheduler.leases =
                new Leases() {
                    private long runs;

                    @Override
                    public List<DueTask> dueTasks() {
                        return due;
                    }

                    @Override
                    public Optional<Lease> claim(DueTask task, String instance) {
                        return Optional.of(
                                new Lease(
                                        task.id(),
                                        task.name(),
                                        task.functionName(),
                                        ++runs,
                                        instance));
                    }

                    @Override
                    public List<DueTask> abandonExpired() {
                        return List.of();
                    }

                    @Override
                    public void releaseOrphans(String instance, Set<Long> runsInFlight) {}
                };
        scheduler.registry =
                new InstanceRegistry() {
                    @Override
                    public void register(LocalInstance local) {}

                    @Override
                    public void heartbeat(LocalInstance local) {}

                    @Override
                    public void markStopped(String instanceId) {
                        running = false;
                    }

                    @Override
                    public int liveCount() {
                        return registered;
                    }

                    @Override
                    public List<InstanceLoad> liveLoads() {
                        return otherInstances;
                    }
                };
        scheduler.functions =
                new TaskFunctions() {
                    @Override
                    public Optional<TaskFunction> named(String name) {
                        return name.equals("purge")
                                ? Optional.of(new SteppedWork())
                                : Optional.empty();
                    }
                };
        scheduler.runner =
                new TaskRunner() {
                    @Override
                    public void run(Lease lease, LeaseTerm term) {
                        ran.add(lease);
                    }
                };
        scheduler.migrator =
                new SchemaMigrator() {
                    @Override
                    public boolean isMigrated() {
                        return true;
                    }
                };
        scheduler.executor = synchronousExecutor();
        scheduler.metrics = noMetrics();
        scheduler.rememberStart();
        return scheduler;
    }

    private static TaskSettings settings() {
        TaskSettings settings = new TaskSettings();
        settings.enabled = true;
        settings.timeScale = 1;
        settings.leaseTtl = Duration.ofSeconds(60);
        settings.instanceTimeout = Duration.ofSeconds(5);
        settings.claimGrace = GRACE;
        settings.fairnessWindow = Duration.ofHours(1);
        settings.stopWait = Duration.ofMillis(500);
        settings.instanceName = Optional.empty();
        return settings;
    }

    /**
     * Makes the scheduler run the purge's function on threads of its own, through a real {@link
     * TaskRunner} whose lease statements record each release in {@link #events}.
     */
    private void runOnThreadsThrough(Work work) {
        TaskFunction function =
                new TaskFunction() {
                    @Override
                    public String name() {
                        return "purge";
                    }

                    @Override
                    public void run(RunContext run) throws InterruptedException {
                        work.run(run);
                    }
                };
        Leases recording =
                new Leases() {
                    @Override
                    public boolean finish(Lease lease, RunStatus status, String error) {
                        events.add("released " + status);
                        return true;
                    }

                    @Override
                    public boolean finishAndReschedule(
                            Lease lease, RunStatus status, String error, Duration dueIn) {
                        return finish(lease, status, error);
                    }
                };
        TaskRunner runner = new TaskRunner();
        runner.leases = recording;
        runner.settings = settings();
        runner.metrics = noMetrics();
        runner.functions =
                new TaskFunctions() {
                    @Override
                    public Optional<TaskFunction> named(String name) {
                        return Optional.of(function);
                    }
                };
        scheduler.runner = runner;
        Leases claiming = scheduler.leases;
        scheduler.leases =
                new Leases() {
                    @Override
                    public List<DueTask> dueTasks() {
                        return claiming.dueTasks();
                    }

                    @Override
                    public Optional<Lease> claim(DueTask task, String instance) {
                        return claiming.claim(task, instance);
                    }

                    @Override
                    public List<DueTask> abandonExpired() {
                        return List.of();
                    }

                    @Override
                    public void releaseOrphans(String instance, Set<Long> runsInFlight) {}

                    @Override
                    public boolean finishAndReschedule(
                            Lease lease, RunStatus status, String error, Duration dueIn) {
                        return recording.finishAndReschedule(lease, status, error, dueIn);
                    }
                };
        scheduler.executor = threadPerRunExecutor();
    }

    private interface Work {
        void run(RunContext run) throws InterruptedException;
    }

    private static TaskMetrics noMetrics() {
        return new TaskMetrics() {
            @Override
            public void leasesHeld(Supplier<Number> held) {}

            @Override
            public void started(String task) {}

            @Override
            public void finished(String task, String outcome, long nanos) {}

            @Override
            public void succeeded(String task) {}
        };
    }

    /** Starts whatever it is handed on a new thread, as a managed executor would on its own. */
    private static ManagedExecutorService threadPerRunExecutor() {
        return (ManagedExecutorService)
                Proxy.newProxyInstance(
                        SchedulerTest.class.getClassLoader(),
                        new Class<?>[] {ManagedExecutorService.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("execute")) {
                                new Thread((Runnable) args[0], "run").start();
                                return null;
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }

    /** Runs whatever it is handed on the caller's thread, before returning. */
    private static ManagedExecutorService synchronousExecutor() {
        return (ManagedExecutorService)
                Proxy.newProxyInstance(
                        SchedulerTest.class.getClassLoader(),
                        new Class<?>[] {ManagedExecutorService.class},
                        (proxy, method, args) -> {
                            if (args != null
                                    && args.length == 1
                                    && args[0] instanceof Runnable work
                                    && (method.getName().equals("execute")
                                            || method.getName().equals("submit"))) {
                                work.run();
                                return CompletableFuture.completedFuture(null);
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }
}

package coffer.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.migration.control.SchemaMigrator;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final DueTask PURGE = new DueTask(7, "PurgeIdempotencyKeys", "purge",
            Duration.ofHours(1), false);

    private final List<Lease> ran = new ArrayList<>();
    private final Scheduler scheduler = scheduler(synchronousExecutor());

    @Test
    void runThatEndsBeforeStartReturnsLeavesTheTaskFreeToBeClaimedAgain() {
        scheduler.tick();
        assertThat(ran).hasSize(1);
        assertThat(scheduler.runningTasks()).isEmpty();

        scheduler.tick();

        assertThat(ran).extracting(Lease::runId).containsExactly(1L, 2L);
        assertThat(scheduler.runningTasks()).isEmpty();
    }

    private Scheduler scheduler(ManagedExecutorService executor) {
        Scheduler scheduler = new Scheduler();
        scheduler.settings = settings();
        scheduler.local = new LocalInstance() {
            @Override
            public String id() {
                return "me";
            }

            @Override
            public int clusterSize() {
                return 1;
            }
        };
        scheduler.leases = new Leases() {
            private long runs;

            @Override
            public List<DueTask> dueTasks() {
                return List.of(PURGE);
            }

            @Override
            public Optional<Lease> claim(DueTask task, String instance) {
                return Optional.of(new Lease(task.id(), task.name(), task.functionName(),
                        ++runs, instance));
            }

            @Override
            public List<DueTask> abandonExpired() {
                return List.of();
            }

            @Override
            public void releaseOrphans(String instance, Set<Long> runsInFlight) {
            }
        };
        scheduler.registry = new InstanceRegistry() {
            @Override
            public void register(LocalInstance local) {
            }

            @Override
            public void heartbeat(LocalInstance local) {
            }

            @Override
            public int liveCount() {
                return 1;
            }

            @Override
            public List<InstanceLoad> liveLoads() {
                return List.of();
            }
        };
        scheduler.runner = new TaskRunner() {
            @Override
            public void run(Lease lease, LeaseTerm term) {
                ran.add(lease);
            }
        };
        scheduler.migrator = new SchemaMigrator() {
            @Override
            public boolean isMigrated() {
                return true;
            }
        };
        scheduler.executor = executor;
        return scheduler;
    }

    private static TaskSettings settings() {
        TaskSettings settings = new TaskSettings();
        settings.enabled = true;
        settings.timeScale = 1;
        settings.leaseTtl = Duration.ofSeconds(60);
        settings.instanceTimeout = Duration.ofSeconds(5);
        settings.claimGrace = Duration.ofSeconds(3);
        settings.fairnessWindow = Duration.ofHours(1);
        settings.instanceId = Optional.empty();
        return settings;
    }

    /** Runs whatever it is handed on the caller's thread, before returning. */
    private static ManagedExecutorService synchronousExecutor() {
        return (ManagedExecutorService) Proxy.newProxyInstance(
                SchedulerTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] instanceof Runnable work
                            && (method.getName().equals("execute")
                                    || method.getName().equals("submit"))) {
                        work.run();
                        return CompletableFuture.completedFuture(null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

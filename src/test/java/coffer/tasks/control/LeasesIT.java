package coffer.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.tasks.entity.RunStatus;
import coffer.testing.InsideCoffer;
import fish.payara.micro.PayaraInstance;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease contract, inside the server against the real database: one owner at a time, expiry
 * frees it, only the owner renews or releases. Leases last 2 s here (arquillian.xml); a test that
 * needs one expired sets its expiry by the database clock rather than wait, so no test depends on
 * how fast the machine is.
 */
@InsideCoffer
class LeasesIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Progress STEP = new Progress(1, 2, "step 1/2 done");

    @Inject Leases leases;

    @Resource ManagedExecutorService executor;

    @Inject Instance<PayaraInstance> payara;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    private DueTask task;

    @BeforeEach
    void dueTask() throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(1_000, 1_000_000_000);
        task = new DueTask(id, "LeaseTest" + id, "stepped-work", Duration.ofHours(1), false);
        new Sql(dataSource).insert(task);
    }

    /** Other tests of this deployment list the tasks; they must see only the ten. */
    @AfterEach
    void removeTask() throws SQLException {
        update("DELETE FROM task_history WHERE task_id = ?", task.id());
        update("DELETE FROM tasks WHERE id = ?", task.id());
    }

    @Test
    void secondClaimerIsRejected() {
        Optional<Lease> first = leases.claim(task, "node-a");
        Optional<Lease> second = leases.claim(task, "node-b");

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(runs()).containsExactly("node-a RUNNING");
    }

    @Test
    void aTaskIsNotDueAgainUntilItsIntervalHasPassed() {
        Lease lease = leases.claim(task, "node-a").orElseThrow();
        assertThat(leases.finish(lease, RunStatus.SUCCEEDED, null)).isTrue();

        assertThat(leases.claim(task, "node-b")).isEmpty();
        assertThat(leases.dueTasks()).extracting(DueTask::id).doesNotContain(task.id());
    }

    @Test
    void expiryFreesTheLeaseAndTheRunIsAbandoned() throws Exception {
        Lease lease = leases.claim(task, "node-a").orElseThrow();
        expire();

        assertThat(leases.renew(lease, STEP)).as("an expired lease cannot be renewed").isFalse();
        assertThat(leases.abandonExpired()).extracting(DueTask::id).contains(task.id());
        Optional<Lease> takeover = leases.claim(task, "node-b");

        assertThat(takeover).isPresent();
        assertThat(runs()).containsExactly("node-a ABANDONED", "node-b RUNNING");
        assertThat(leases.finish(lease, RunStatus.SUCCEEDED, null))
                .as("the old owner cannot end the new run")
                .isFalse();
        assertThat(runs()).containsExactly("node-a ABANDONED", "node-b RUNNING");
    }

    @Test
    void renewingKeepsTheLeaseBeyondItsFirstExpiry() throws Exception {
        Lease lease = leases.claim(task, "node-a").orElseThrow();
        String firstExpiry = leaseExpiry();
        String beforeRenewal = query("SELECT now()::text").get(0);

        assertThat(leases.renew(lease, STEP)).isTrue();

        // By the database clock, whatever the pause between the statements: a full TTL from the
        // renewal, which came after beforeRenewal, so past the first expiry too.
        assertThat(
                        query(
                                "SELECT lease_expires_at >= ?::timestamptz + ?::interval"
                                        + " AND lease_expires_at > ?::timestamptz FROM tasks"
                                        + " WHERE id = ?",
                                beforeRenewal,
                                TTL.toMillis() + " milliseconds",
                                firstExpiry,
                                task.id()))
                .containsExactly("t");
        assertThat(runs()).containsExactly("node-a RUNNING");
    }

    @Test
    void aLeaseHeldWithoutItsRunIsReleasedAsAbandonedAndTheTaskIsDueAtOnce() {
        Lease lease = leases.claim(task, "node-a").orElseThrow();

        leases.releaseOrphans("node-b", Set.of());
        leases.releaseOrphans("node-a", Set.of(lease.runId()));
        assertThat(runs())
                .as("another's lease, and a run carried out, are kept")
                .containsExactly("node-a RUNNING");

        leases.releaseOrphans("node-a", Set.of(lease.runId() - 1));
        assertThat(runs()).containsExactly("node-a ABANDONED");
        assertThat(leases.dueTasks()).extracting(DueTask::id).contains(task.id());
        assertThat(leases.finish(lease, RunStatus.SUCCEEDED, null)).as("recorded once").isFalse();
    }

    @Test
    void twoBootsUnderOneNameDoNotFreeEachOthersLeases() {
        LocalInstance first = bootedAs("node-a");
        LocalInstance second = bootedAs("node-a");
        Lease lease = leases.claim(task, first.id()).orElseThrow();

        leases.releaseOrphans(second.id(), Set.of());

        assertThat(second.name()).isEqualTo(first.name());
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(leases.renew(lease, STEP)).as("the first still holds its lease").isTrue();
    }

    @Test
    void onlyTheOwnerRenewsOrReleases() {
        Lease lease = leases.claim(task, "node-a").orElseThrow();
        Lease impostor =
                new Lease(
                        lease.taskId(),
                        lease.taskName(),
                        lease.functionName(),
                        lease.runId(),
                        "node-b");
        Lease staleRun =
                new Lease(
                        lease.taskId(),
                        lease.taskName(),
                        lease.functionName(),
                        lease.runId() - 1,
                        "node-a");

        assertThat(leases.renew(impostor, STEP)).isFalse();
        assertThat(leases.finish(impostor, RunStatus.SUCCEEDED, null)).isFalse();
        assertThat(leases.finish(staleRun, RunStatus.SUCCEEDED, null)).isFalse();
        assertThat(runs()).containsExactly("node-a RUNNING");

        assertThat(leases.renew(lease, STEP)).isTrue();
        assertThat(leases.finish(lease, RunStatus.FAILED, "boom")).isTrue();
        assertThat(runs()).containsExactly("node-a FAILED");
        assertThat(leases.finish(lease, RunStatus.SUCCEEDED, null)).as("only once").isFalse();
    }

    @Test
    void aFailureIsRecordedWithoutChangingTheSchedule() throws SQLException {
        Lease lease = leases.claim(task, "node-a").orElseThrow();

        leases.finish(lease, RunStatus.FAILED, "disk full");

        assertThat(
                        query(
                                "SELECT last_status || ' ' || last_instance || ' ' || last_error"
                                        + " || ' ' || (next_run_at > now() + interval '59 minutes') FROM tasks"
                                        + " WHERE id = ?",
                                task.id()))
                .containsExactly("FAILED node-a disk full true");
    }

    @Test
    void anInterruptedRunMakesTheTaskDueAtOnce() {
        Lease lease = leases.claim(task, "node-a").orElseThrow();

        leases.finishAndReschedule(lease, RunStatus.INTERRUPTED, "shutdown", Duration.ZERO);

        assertThat(leases.claim(task, "node-b")).isPresent();
        assertThat(runs()).containsExactly("node-a INTERRUPTED", "node-b RUNNING");
    }

    @Test
    void manyConcurrentClaimersYieldExactlyOneOwner() throws Exception {
        List<Optional<Lease>> claims = concurrently(64, n -> leases.claim(task, "node-" + n));

        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(runs()).hasSize(1).allMatch(run -> run.endsWith(" RUNNING"));
    }

    @Test
    void concurrentSweepersAbandonAnExpiredRunOnce() throws Exception {
        leases.claim(task, "node-a").orElseThrow();
        expire();

        List<List<DueTask>> freed = concurrently(16, n -> leases.abandonExpired());

        assertThat(freed.stream().flatMap(List::stream).filter(due -> due.id() == task.id()))
                .as("freed by exactly one sweeper")
                .hasSize(1);
        assertThat(runs()).containsExactly("node-a ABANDONED");
        assertThat(
                        query(
                                "SELECT count(*) FROM tasks WHERE id = ? AND NOT is_running"
                                        + " AND next_run_at <= now()",
                                task.id()))
                .containsExactly("1");
    }

    /**
     * Runs the call on that many of the container's threads, released at the same instant (as many
     * at once as its pool has threads).
     */
    private <T> List<T> concurrently(int threads, IntCall<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (int n = 0; n < threads; n++) {
                int number = n;
                Callable<T> task =
                        () -> {
                            start.await();
                            return call.apply(number);
                        };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            start.countDown();
            futures.forEach(future -> future.cancel(true));
        }
    }

    /** A boot of an instance given the name, as the container would identify it. */
    private LocalInstance bootedAs(String name) {
        LocalInstance instance = new LocalInstance();
        instance.payara = payara;
        instance.settings = new TaskSettings();
        instance.settings.instanceName = Optional.of(name);
        instance.identify();
        return instance;
    }

    /** Makes the task's lease expired by the database clock, as if its owner had stalled. */
    private void expire() throws SQLException {
        update(
                "UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = ?",
                task.id());
    }

    private String leaseExpiry() throws SQLException {
        return query("SELECT lease_expires_at::text FROM tasks WHERE id = ?", task.id()).get(0);
    }

    private interface IntCall<T> {
        T apply(int n) throws Exception;
    }

    /** The task's runs, oldest first, as "instance STATUS". */
    private List<String> runs() {
        try {
            return query(
                    "SELECT instance_id || ' ' || status FROM task_history WHERE task_id = ?"
                            + " ORDER BY id",
                    task.id());
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private List<String> query(String sql, Object... parameters) throws SQLException {
        return new Sql(dataSource).query(sql, parameters);
    }

    private void update(String sql, Object... parameters) throws SQLException {
        new Sql(dataSource).update(sql, parameters);
    }

    /** Plain SQL on the container's data source, outside any transaction of the test. */
    record Sql(DataSource dataSource) {

        /** The first column of every row. */
        List<String> query(String sql, Object... parameters) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }

        /** A task of the test's own, which no other test sees. */
        void insert(DueTask task) throws SQLException {
            update(
                    "INSERT INTO tasks (id, name, function_name, interval_seconds)"
                            + " VALUES (?, ?, ?, ?)",
                    task.id(),
                    task.name(),
                    task.functionName(),
                    task.interval().toSeconds());
        }

        void update(String sql, Object... parameters) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.executeUpdate();
            }
        }

        private static PreparedStatement prepare(
                Connection connection, String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        }
    }
}

package coffer.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.jobs.control.JobRecords;
import coffer.jobs.control.JobRun;
import coffer.testing.InsideCoffer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease fences the work, inside the server against the real database: once a run's lease has
 * expired and another run has taken the task over, every write of the superseded run changes no
 * row, its transaction rolls back, and the run stops. Expiry is set by the database clock, so no
 * test depends on how fast the machine is.
 */
@InsideCoffer
class RunFencingIT {

    private static final Duration TTL = Duration.ofSeconds(2);

    @Inject Leases leases;

    @Inject JobRecords records;

    @Inject TaskRunner runner;

    @Resource UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    private DueTask task;
    private String job;

    @BeforeEach
    void taskAndJob() throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(1_000, 1_000_000_000);
        task =
                new DueTask(
                        id, "FenceTest" + id, "purge-idempotency-keys", Duration.ofHours(1), false);
        job = "fence-test-" + id;
        new LeasesIT.Sql(dataSource).insert(task);
        update("INSERT INTO jobs (name, state) VALUES (?, 'IDLE')", job);
    }

    /** Other tests of this deployment list the tasks and read the keys; they see none of ours. */
    @AfterEach
    void removeThem() throws SQLException {
        update("DELETE FROM job_attempts WHERE name = ?", job);
        update("DELETE FROM jobs WHERE name = ?", job);
        update("DELETE FROM task_history WHERE task_id = ?", task.id());
        update("DELETE FROM tasks WHERE id = ?", task.id());
        update("DELETE FROM idempotent_requests WHERE key = ?", task.name());
    }

    @Test
    void aSupersededAttemptsCountChangesNoRowAndRollsItsWriteBack() throws Exception {
        Lease first = leases.claim(task, "node-a").orElseThrow();
        JobRun superseded = records.start(job, first);
        Lease second = takeOver(first);
        JobRun current = records.start(job, second);

        transaction.begin();
        try {
            assertThatThrownBy(() -> records.count(superseded, 3, 30))
                    .isInstanceOf(LeaseLost.class);
            assertThat(transaction.getStatus())
                    .as("the write-off's transaction can only roll back")
                    .isEqualTo(Status.STATUS_MARKED_ROLLBACK);
        } finally {
            transaction.rollback();
        }
        transaction.begin();
        records.count(current, 2, 20);
        transaction.commit();

        assertThat(
                        query(
                                "SELECT attempt || ' ' || lots_expired || ' ' || amount_expired FROM jobs WHERE name = ?",
                                job))
                .containsExactly("2 2 20");
    }

    @Test
    void aRunThatLostItsLeaseCannotStartAnAttemptOverTheCurrentOne() throws Exception {
        Lease first = leases.claim(task, "node-a").orElseThrow();
        Lease second = takeOver(first);
        records.start(job, second);

        assertThatThrownBy(() -> records.start(job, first)).isInstanceOf(LeaseLost.class);

        assertThat(
                        query(
                                "SELECT attempt || ' ' || instance_id FROM job_attempts WHERE name = ?",
                                job))
                .containsExactly("1 node-b");
    }

    @Test
    void aSupersededRunsPurgeDeletesNothingAndTheRunStopsWithoutTouchingTheNewRun()
            throws Exception {
        update(
                "INSERT INTO idempotent_requests (scope, key, fingerprint, created_at)"
                        + " VALUES (0, ?, 'fence', now() - interval '2 days')",
                task.name());
        Lease first = leases.claim(task, "node-a").orElseThrow();
        takeOver(first);

        runner.run(first, new LeaseTerm(first, TTL, System.nanoTime()));

        assertThat(query("SELECT count(*) FROM idempotent_requests WHERE key = ?", task.name()))
                .as("the key the superseded run would have purged")
                .containsExactly("1");
        assertThat(runs()).containsExactly("node-a ABANDONED", "node-b RUNNING");
    }

    @Test
    void theCurrentRunsPurgeGoesThrough() throws Exception {
        update(
                "INSERT INTO idempotent_requests (scope, key, fingerprint, created_at)"
                        + " VALUES (0, ?, 'fence', now() - interval '2 days')",
                task.name());
        Lease lease = leases.claim(task, "node-a").orElseThrow();

        runner.run(lease, new LeaseTerm(lease, TTL, System.nanoTime()));

        assertThat(query("SELECT count(*) FROM idempotent_requests WHERE key = ?", task.name()))
                .containsExactly("0");
        assertThat(runs()).containsExactly("node-a SUCCEEDED");
    }

    /**
     * Expires the lease by the database clock, as if its owner had stalled past it, and lets
     * another instance abandon it and claim the task: the owner's run is superseded.
     */
    private Lease takeOver(Lease lease) throws SQLException {
        update(
                "UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = ?",
                lease.taskId());
        assertThat(leases.abandonExpired()).extracting(DueTask::id).contains(lease.taskId());
        return leases.claim(task, "node-b").orElseThrow();
    }

    /** The task's runs, oldest first, as "instance STATUS". */
    private List<String> runs() throws SQLException {
        return query(
                "SELECT instance_id || ' ' || status FROM task_history WHERE task_id = ?"
                        + " ORDER BY id",
                task.id());
    }

    private List<String> query(String sql, Object... parameters) throws SQLException {
        return new LeasesIT.Sql(dataSource).query(sql, parameters);
    }

    private void update(String sql, Object... parameters) throws SQLException {
        new LeasesIT.Sql(dataSource).update(sql, parameters);
    }
}

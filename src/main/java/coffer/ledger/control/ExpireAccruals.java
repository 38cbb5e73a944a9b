package coffer.ledger.control;

import coffer.jobs.control.Backoff;
import coffer.jobs.control.JobRecords;
import coffer.jobs.control.JobRun;
import coffer.tasks.control.LeaseLost;
import coffer.tasks.control.RunContext;
import coffer.tasks.control.TaskFailure;
import coffer.tasks.control.TaskFunction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The expire-accruals job: writes off what remains of every lot past its expiry, a user per
 * transaction. Runs as the ExpireAccruals task, so on one instance of the cluster at a time, every
 * 5 minutes (scaled) and whenever a job is queued. Safe to repeat: a lot written off holds nothing
 * more, and its entry's key {@code expire:<accrual id>} is unique.
 */
@ApplicationScoped
public class ExpireAccruals implements TaskFunction {

    public static final String JOB = "expire-accruals";
    public static final String TASK = "ExpireAccruals";
    private static final int USERS_PER_BATCH = 100;

    @Inject JobRecords records;

    @Inject WriteOffs writeOffs;

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        JobRun run = records.start(JOB, context.lease());
        try {
            long users = 0;
            for (List<Long> batch = writeOffs.usersWithExpiredPoints(USERS_PER_BATCH);
                    !batch.isEmpty();
                    batch = writeOffs.usersWithExpiredPoints(USERS_PER_BATCH)) {
                for (long userId : batch) {
                    writeOffs.writeOff(run, userId);
                }
                users += batch.size();
                context.checkpoint(
                        "job "
                                + run.jobId()
                                + " attempt "
                                + run.attempt()
                                + ": "
                                + users
                                + " users written off");
            }
            records.succeed(run);
        } catch (LeaseLost lost) {
            throw lost;
        } catch (RuntimeException failure) {
            Optional<Duration> retryIn = Backoff.after(run.attempt());
            String error = describe(failure);
            records.fail(run, error, retryIn);
            throw new TaskFailure(
                    "Attempt " + run.attempt() + " of job " + run.jobId() + " failed: " + error,
                    retryIn.orElse(null),
                    failure);
        }
    }

    /** What went wrong, in words safe to show through the API: no SQL, no class names. */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return "The database refused a write-off (SQLSTATE "
                        + sql.getSQLState()
                        + "); see the instance's log.";
            }
        }
        return "Unexpected failure; see the instance's log.";
    }
}

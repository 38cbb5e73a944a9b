package coffer.tasks.control;

import coffer.problems.control.DatabaseFailure;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * How long this instance can be sure it still holds a run's lease, by its own monotonic clock: the
 * lease's time to live from the moment the statement that last set it was sent. The database set
 * the lease no earlier than that, so it lasts at least this long, whatever the clocks of the hosts
 * say.
 *
 * <p>This is what lets a run ride out a database restart: a lease statement the database cannot
 * answer (connection refused or lost, server shutting down) is sent again, every half second, until
 * it is answered or the term is over. A restart shorter than the lease costs the run a pause and
 * nothing else; after a longer one the run gives up, and whoever finds the lease expired records it
 * ABANDONED and takes the task over, as after a crash. Repeating is safe: a renewal that did commit
 * unseen only extends the lease again, and an end that did commit unseen is refused the second time
 * (the run is no longer the task's current one).
 */
final class LeaseTerm {

    private static final Logger LOG = Logger.getLogger(LeaseTerm.class.getName());
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final Lease lease;
    private final long ttlNanos;
    private long setAtNanos;

    /** The term of a lease claimed by a statement sent at {@code claimSentNanos}. */
    LeaseTerm(Lease lease, Duration ttl, long claimSentNanos) {
        this.lease = lease;
        this.ttlNanos = ttl.toNanos();
        this.setAtNanos = claimSentNanos;
    }

    /**
     * Renews through the statement, which reports whether the lease was extended.
     *
     * @return false when the lease is lost: refused by the database, or its term ran out while the
     *     database was away
     */
    boolean renew(BooleanSupplier renewal) throws InterruptedException {
        long sent = System.nanoTime();
        if (!untilAnswered(renewal)) {
            return false;
        }
        setAtNanos = sent;
        return true;
    }

    /**
     * Ends the run through the statement; false when it was not recorded, because the lease had
     * been freed already or its term ran out while the database was away.
     */
    boolean end(BooleanSupplier release) {
        try {
            return untilAnswered(release);
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean untilAnswered(BooleanSupplier statement) throws InterruptedException {
        while (true) {
            try {
                return statement.getAsBoolean();
            } catch (RuntimeException failure) {
                if (DatabaseFailure.of(failure) == DatabaseFailure.NONE) {
                    throw failure;
                }
                if (System.nanoTime() + PAUSE.toNanos() - setAtNanos >= ttlNanos) {
                    LOG.warning(
                            () ->
                                    lease.logPrefix()
                                            + " the database stayed away until the lease ran"
                                            + " out; giving the run up");
                    return false;
                }
                LOG.info(
                        () ->
                                lease.logPrefix()
                                        + " database away; trying the lease statement again");
                Thread.sleep(PAUSE.toMillis());
            }
        }
    }
}

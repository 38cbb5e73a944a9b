package coffer.idempotency.control;

import coffer.tasks.control.Lease;
import coffer.tasks.control.LeaseLost;
import coffer.tasks.control.Leases;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

/** The purge's transaction, fenced by the lease of the run that purges. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class KeyRetention {

    @Inject IdempotencyKeys keys;

    @Inject Leases leases;

    /**
     * Deletes the keys older than the retention, unless the run lost its lease.
     *
     * @throws LeaseLost when the run was superseded: nothing is deleted
     */
    public int purgeOlderThan(Duration retention, Lease lease) {
        leases.hold(lease);
        return keys.purgeOlderThan(retention);
    }
}

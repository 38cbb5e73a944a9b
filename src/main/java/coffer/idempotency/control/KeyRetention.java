package coffer.idempotency.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

/** The purge's transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class KeyRetention {

    @Inject IdempotencyKeys keys;

    public int purgeOlderThan(Duration retention) {
        return keys.purgeOlderThan(retention);
    }
}

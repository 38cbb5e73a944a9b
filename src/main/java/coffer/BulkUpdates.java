package coffer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;

/**
 * Named bulk updates and deletes, each executed on a query object of its own. Every
 * {@code executeUpdate} in Coffer goes through here.
 *
 * <p>Why: EclipseLink 4.0 (Payara 6) executes a named JPQL UPDATE or DELETE on the one query
 * object all threads share, and passes its row count back through a field of that object
 * ({@code ModifyAllQuery.result}). Two threads running the same named update at the same moment
 * can each be handed the other's count. Coffer decides on that count (change applied or refused,
 * lease won or lost), so under load a refused debit was occasionally taken for applied (a ledger
 * entry without its balance change) and an applied one for refused (a balance change without its
 * entry): a few in tens of thousands of concurrent changes, see {@code BalancesIT}. Setting the
 * flush mode makes EclipseLink copy the shared query for this one execution; AUTO is the default
 * anyway, so the statement and its flushing behaviour stay the same.
 */
public final class BulkUpdates {

    private BulkUpdates() {
    }

    public static Query named(EntityManager entityManager, String name) {
        return entityManager.createNamedQuery(name).setFlushMode(FlushModeType.AUTO);
    }
}

package coffer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named bulk update or delete, executed on a query object of its own, and what its row count
 * means. Every {@code executeUpdate} in Coffer goes through here ({@code ArchitectureTest} fails
 * the build otherwise), and every caller says which counts it expects: {@link #exactlyOne}, {@link
 * #atMostOne} or {@link #anyNumber}.
 *
 * <p>Why: EclipseLink 4.0 (Payara 6) executes a named JPQL UPDATE or DELETE on the one query object
 * all threads share, and passes its row count back through a field of that object ({@code
 * ModifyAllQuery.result}). Two threads running the same named update at the same moment can each be
 * handed the other's count. Coffer decides on that count (change applied or refused, lease won or
 * lost), so under load a refused debit was occasionally taken for applied (a ledger entry without
 * its balance change) and an applied one for refused (a balance change without its entry): a few in
 * tens of thousands of concurrent changes, see {@code BalancesIT}. Setting the flush mode makes
 * EclipseLink copy the shared query for this one execution; AUTO is the default anyway, so the
 * statement and its flushing behaviour stay the same.
 */
public final class BulkUpdates {

    private final String name;
    private final Query query;

    /** For the message of a count that should be impossible; never shown to a client. */
    private final Map<Object, Object> parameters = new LinkedHashMap<>();

    private BulkUpdates(String name, Query query) {
        this.name = name;
        this.query = query;
    }

    public static BulkUpdates named(EntityManager entityManager, String name) {
        return new BulkUpdates(
                name, entityManager.createNamedQuery(name).setFlushMode(FlushModeType.AUTO));
    }

    public BulkUpdates setParameter(String parameter, Object value) {
        query.setParameter(parameter, value);
        parameters.put(parameter, value);
        return this;
    }

    public BulkUpdates setParameter(int position, Object value) {
        query.setParameter(position, value);
        parameters.put(position, value);
        return this;
    }

    /**
     * Runs a statement that must change exactly one row, because what it changes is known to be
     * there (a row this transaction holds the lock of, or a key just written).
     *
     * @throws IllegalStateException on any other count: a bug, and the transaction rolls back
     */
    public void exactlyOne() {
        int rows = query.executeUpdate();
        if (rows != 1) {
            throw impossible(rows, "exactly 1");
        }
    }

    /**
     * Runs a conditional statement on one row by its key: true when the condition held and the row
     * changed, false when it did not (or there is no such row).
     *
     * @throws IllegalStateException when more than one row changed: a bug
     */
    public boolean atMostOne() {
        int rows = query.executeUpdate();
        if (rows > 1) {
            throw impossible(rows, "at most 1");
        }
        return rows == 1;
    }

    /** Runs a statement for which any number of rows is a valid outcome; returns the number. */
    public int anyNumber() {
        return query.executeUpdate();
    }

    private IllegalStateException impossible(int rows, String expected) {
        return new IllegalStateException(
                name
                        + " "
                        + parameters
                        + " changed "
                        + rows
                        + " rows where "
                        + expected
                        + " was expected");
    }
}

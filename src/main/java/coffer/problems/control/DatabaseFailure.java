package coffer.problems.control;

import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.SystemException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a failure says about the database and about the transaction it hit: the one place that reads
 * exception chains for that, so the answer to a client and the scheduler's reaction agree.
 *
 * <p>Where a failure arises decides what is known. A container-managed transaction runs the
 * business method, then the container commits. A failure <em>inside the business method</em> (a
 * connection refused or lost, an administrator shutdown, a pool with no connection to spare) comes
 * back as the container's {@code EJBException} around the persistence exception; the container
 * rolls back, and a PostgreSQL transaction whose connection is gone never commits: nothing changed.
 * At <em>commit</em>, Payara's transaction manager (JavaEETransactionImpl) first lets the
 * persistence provider flush; if that fails it rolls back and throws {@link
 * jakarta.transaction.RollbackException}: still nothing changed. Only when the COMMIT itself was
 * sent and its answer never came does it throw {@link SystemException} (for a failure it cannot
 * attribute, {@link HeuristicMixedException}), and then the database may have committed or not, and
 * nobody can know until it is asked again. Coffer's own code never calls the transaction manager,
 * so those two types in a chain can only come from a commit: the container's, or that of a nested
 * {@code REQUIRES_NEW} call, whose outcome is as unknown. Their causes are not always attached (the
 * driver's exception may be missing from the chain), so their presence alone decides.
 */
public enum DatabaseFailure {

    /** Not the database being away: a bug, or a refusal of the database that is one. */
    NONE,
    /** The database could not be reached or was lost before any commit: nothing changed. */
    UNAVAILABLE,
    /** The connection failed during a commit: the change may or may not have been applied. */
    COMMIT_OUTCOME_UNKNOWN;

    /** SQLState classes of a connection lost or refused (08), no resources (53), shutdown (57P). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("08", "53", "57P");

    /**
     * SQLStates of a session that could not be opened: unable to connect (08001), rejected (08004),
     * too many connections (53300).
     */
    private static final Set<String> NO_CONNECTION_STATES = Set.of("08001", "08004", "53300");

    public static DatabaseFailure of(Throwable failure) {
        List<Throwable> causes = chain(failure);
        if (causes.stream()
                .anyMatch(
                        cause ->
                                cause instanceof SystemException
                                        || cause instanceof HeuristicMixedException)) {
            return COMMIT_OUTCOME_UNKNOWN;
        }
        return causes.stream().anyMatch(DatabaseFailure::unavailable) ? UNAVAILABLE : NONE;
    }

    /**
     * Whether the failure says that no connection could be had at all (refused, the pool unable to
     * hand one out, the server refusing new sessions): the database as a whole is away, as opposed
     * to one of its nodes failing a statement (a Citus worker) over a connection that works.
     */
    public static boolean noConnection(Throwable failure) {
        return chain(failure).stream()
                .anyMatch(
                        cause ->
                                cause instanceof ConnectException
                                        || cause instanceof ResourceException
                                        || cause instanceof SQLException sql
                                                && sql.getSQLState() != null
                                                && NO_CONNECTION_STATES.contains(
                                                        sql.getSQLState()));
    }

    /** The failure and its causes, each once (a cause chain may loop). */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure;
                cause != null && seen.add(cause);
                cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    /**
     * Connection failures and shutdowns by SQLState; transient driver failures; a refused TCP
     * connection; the pool unable to hand out a connection ({@link ResourceException}).
     */
    private static boolean unavailable(Throwable cause) {
        if (cause instanceof SQLTransientException
                || cause instanceof ConnectException
                || cause instanceof ResourceException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return UNAVAILABLE_STATES.stream().anyMatch(state::startsWith);
        }
        return false;
    }
}

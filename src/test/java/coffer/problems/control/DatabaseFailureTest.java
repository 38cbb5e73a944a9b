package coffer.problems.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** The chains below are shaped as Payara, EclipseLink and the PostgreSQL driver build them. */
class DatabaseFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08003", "08006", "53300", "57P01", "57P02", "57P03"})
    void connectionLossShutdownAndOverloadInTheBusinessMethodChangedNothing(String sqlState) {
        Throwable inBusinessMethod =
                new EJBException(new PersistenceException(new SQLException("gone", sqlState)));

        assertThat(DatabaseFailure.of(inBusinessMethod)).isEqualTo(DatabaseFailure.UNAVAILABLE);
    }

    @Test
    void theDriversOwnConnectionFailureChangedNothing() {
        Throwable lost =
                new EJBException(
                        new PersistenceException(
                                new PSQLException(
                                        "An I/O error occurred while sending to the backend.",
                                        PSQLState.CONNECTION_FAILURE)));

        assertThat(DatabaseFailure.of(lost)).isEqualTo(DatabaseFailure.UNAVAILABLE);
    }

    @Test
    void noConnectionFromThePoolOrTheServerChangedNothing() {
        Throwable poolExhausted =
                new PersistenceException(
                        new SQLException(
                                "Error in allocating a connection",
                                new ResourceAllocationException(
                                        "In-use connections equal max-pool-size")));
        Throwable refused =
                new PersistenceException(
                        new SQLException(
                                "no connection", new ConnectException("Connection refused")));

        assertThat(DatabaseFailure.of(poolExhausted)).isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.of(refused)).isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.of(new SQLTransientConnectionException()))
                .isEqualTo(DatabaseFailure.UNAVAILABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08004", "53300"})
    void aSessionThatCouldNotBeOpenedMeansNoConnection(String sqlState) {
        Throwable refused =
                new EJBException(new PersistenceException(new SQLException("no", sqlState)));

        assertThat(DatabaseFailure.noConnection(refused)).isTrue();
        assertThat(
                        DatabaseFailure.noConnection(
                                new PersistenceException(
                                        new SQLException(
                                                "Error in allocating a connection",
                                                new ResourceAllocationException("max-pool-size")))))
                .isTrue();
        assertThat(DatabaseFailure.noConnection(new SQLException("x", new ConnectException())))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "57P01", "XX000"})
    void aStatementFailedOverAWorkingConnectionIsNotNoConnection(String sqlState) {
        Throwable workerLost =
                new EJBException(new PersistenceException(new SQLException("node gone", sqlState)));

        assertThat(DatabaseFailure.noConnection(workerLost)).isFalse();
    }

    @Test
    void aCommitWhoseAnswerWasLostHasAnUnknownOutcomeEvenWithoutItsCause() {
        SystemException commitFailed = new SystemException();
        commitFailed.initCause(new XAException(XAException.XAER_RMFAIL));
        Throwable fromContainer =
                new EJBException("Unable to complete container-managed transaction.", commitFailed);

        assertThat(DatabaseFailure.of(fromContainer))
                .isEqualTo(DatabaseFailure.COMMIT_OUTCOME_UNKNOWN);
        assertThat(DatabaseFailure.of(new SystemException()))
                .isEqualTo(DatabaseFailure.COMMIT_OUTCOME_UNKNOWN);
    }

    @Test
    void aNestedCommitWhoseAnswerWasLostMakesTheOuterOutcomeUnknownToo() {
        SystemException nested = new SystemException();
        nested.initCause(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE));
        Throwable outer =
                new EJBException(
                        new EJBException(
                                "Unable to complete container-managed transaction.", nested));

        assertThat(DatabaseFailure.of(outer)).isEqualTo(DatabaseFailure.COMMIT_OUTCOME_UNKNOWN);
        assertThat(DatabaseFailure.of(new EJBException(new HeuristicMixedException())))
                .isEqualTo(DatabaseFailure.COMMIT_OUTCOME_UNKNOWN);
    }

    @Test
    void aCommitRolledBackBecauseTheFlushLostItsConnectionChangedNothing() {
        RollbackException rolledBack = new RollbackException("marked for rollback");
        rolledBack.initCause(
                new PersistenceException(
                        new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)));
        Throwable fromContainer =
                new EJBTransactionRolledbackException("Transaction aborted", rolledBack);

        assertThat(DatabaseFailure.of(fromContainer)).isEqualTo(DatabaseFailure.UNAVAILABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"23514", "42P01", "22003", "57014"})
    void constraintProgrammingAndCancelErrorsAreNotTheDatabaseBeingAway(String sqlState) {
        assertThat(
                        DatabaseFailure.of(
                                new EJBException(
                                        new PersistenceException(
                                                new SQLException("bug", sqlState)))))
                .isEqualTo(DatabaseFailure.NONE);
    }

    @Test
    void bugsAndRollbacksWithoutADatabaseCauseAreNot() {
        assertThat(DatabaseFailure.of(new NullPointerException())).isEqualTo(DatabaseFailure.NONE);
        assertThat(
                        DatabaseFailure.of(
                                new EJBTransactionRolledbackException(
                                        "aborted", new RollbackException())))
                .isEqualTo(DatabaseFailure.NONE);
    }

    @Test
    void aChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException();
        RuntimeException second = new RuntimeException(first);
        first.initCause(second);

        assertThat(DatabaseFailure.of(first)).isEqualTo(DatabaseFailure.NONE);
    }
}

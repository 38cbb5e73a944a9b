package coffer.problems.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnexpectedExceptionMapperTest {

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "53300", "57P01", "57P03"})
    void connectionLossShutdownAndOverloadAreUnavailability(String sqlState) {
        Throwable wrapped = new RuntimeException(new IllegalStateException(
                new SQLException("gone", sqlState)));

        assertThat(UnexpectedExceptionMapper.databaseUnavailable(wrapped)).isTrue();
    }

    @Test
    void transientDriverFailuresAndRefusedConnectionsAreUnavailability() {
        assertThat(UnexpectedExceptionMapper.databaseUnavailable(
                new SQLTransientConnectionException())).isTrue();
        assertThat(UnexpectedExceptionMapper.databaseUnavailable(
                new RuntimeException(new ConnectException()))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23514", "42P01", "22003"})
    void constraintAndProgrammingErrorsAreNot(String sqlState) {
        assertThat(UnexpectedExceptionMapper.databaseUnavailable(
                new RuntimeException(new SQLException("bug", sqlState)))).isFalse();
        assertThat(UnexpectedExceptionMapper.databaseUnavailable(new NullPointerException()))
                .isFalse();
    }
}

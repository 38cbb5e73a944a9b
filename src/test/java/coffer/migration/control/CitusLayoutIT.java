package coffer.migration.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import coffer.testing.InsideCoffer;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code DB_CITUS=true} on a PostgreSQL that cannot load Citus, the test database: the layout stops
 * with a failure that says what to fix (readiness shows it, see {@link SchemaMigratorTest}) and
 * leaves nothing behind, neither the extension nor its lock, so a later start after the fix goes
 * on.
 */
@InsideCoffer
class CitusLayoutIT {

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    @Test
    void switchedOnWhereCitusCannotBeLoadedFailsSayingWhatToFix() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Connection other = dataSource.getConnection()) {
            assumeFalse(
                    citusPreloaded(connection),
                    "the test database preloads Citus: switching it on would lay the tables out");

            assertThatThrownBy(() -> CitusLayout.apply(connection, Optional.of(true)))
                    .isInstanceOf(CitusLayout.Unavailable.class)
                    .hasMessageContaining("or set DB_CITUS=false")
                    .hasCauseInstanceOf(SQLException.class);

            assertThat(query(other, "SELECT count(*) FROM pg_extension WHERE extname = 'citus'"))
                    .isZero();
            assertThat(query(other, "SELECT pg_try_advisory_lock(" + CitusLayout.LOCK + ")::int"))
                    .as("the layout's lock, free for another instance's start")
                    .isOne();
            query(other, "SELECT pg_advisory_unlock(" + CitusLayout.LOCK + ")::int");
        }
    }

    private static boolean citusPreloaded(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet setting =
                        statement.executeQuery(
                                "SELECT current_setting('shared_preload_libraries')")) {
            return setting.next() && setting.getString(1).contains("citus");
        }
    }

    private static long query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}

package coffer.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One database on a test server, with direct JDBC access for asserting what was stored. */
public record Database(String url, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs a statement that changes rows, as a test sets up state; returns the row count. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }

    /** The single long value a query returns, such as a balance or a count. */
    public long queryLong(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("No row for " + sql);
                }
                return result.getLong(1);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }
}

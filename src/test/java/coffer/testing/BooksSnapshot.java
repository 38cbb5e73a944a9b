package coffer.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of the tables that hold money and the promises made about it (users, ledger entries,
 * lots, idempotency keys and their answers), one line per row: two snapshots are equal exactly when
 * nothing in the books changed between them.
 */
public final class BooksSnapshot {

    private static final List<String> TABLES =
            List.of("users", "ledger_entries", "accruals", "idempotent_requests");

    private BooksSnapshot() {}

    public static List<String> of(Database database) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect()) {
            for (String table : TABLES) {
                try (ResultSet result =
                        connection
                                .createStatement()
                                .executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    while (result.next()) {
                        rows.add(table + " " + row(result));
                    }
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        return rows;
    }

    private static String row(ResultSet result) throws SQLException {
        ResultSetMetaData columns = result.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            row.append(i == 1 ? "" : ", ")
                    .append(columns.getColumnName(i))
                    .append('=')
                    .append(result.getString(i));
        }
        return row.toString();
    }
}

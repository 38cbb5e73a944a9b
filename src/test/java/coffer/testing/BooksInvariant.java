package coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold in the books after any scenario, checked straight in the database: every balance
 * is the sum of its ledger entries, {@code lot_remaining} is what the lots hold, the lots are
 * covered by the balance, and nothing is negative.
 */
public final class BooksInvariant {

    private static final String BROKEN =
            """
            SELECT u.id, u.balance, u.lot_remaining,
                   (SELECT COALESCE(sum(e.amount), 0) FROM ledger_entries e
                    WHERE e.user_id = u.id) AS ledger,
                   (SELECT COALESCE(sum(a.remaining), 0) FROM accruals a
                    WHERE a.user_id = u.id) AS lots
            FROM users u""";

    private BooksInvariant() {}

    public static void assertHolds(Database database) {
        List<String> broken = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet users = connection.createStatement().executeQuery(BROKEN)) {
            while (users.next()) {
                long balance = users.getLong("balance");
                long lotRemaining = users.getLong("lot_remaining");
                long ledger = users.getLong("ledger");
                long lots = users.getLong("lots");
                if (balance != ledger || lotRemaining != lots || lots > balance || balance < 0) {
                    broken.add(
                            "user "
                                    + users.getLong("id")
                                    + ": balance "
                                    + balance
                                    + ", ledger sum "
                                    + ledger
                                    + ", lot_remaining "
                                    + lotRemaining
                                    + ", lots hold "
                                    + lots);
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        assertThat(broken).as("users whose books do not add up").isEmpty();
    }
}

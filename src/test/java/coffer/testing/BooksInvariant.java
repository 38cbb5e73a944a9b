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
 * covered by the balance, and nothing is negative; every merch transfer is whole (as many incoming
 * entries as outgoing, for the same coins) and each employee's grouped history is what their ledger
 * says.
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

    private static final String HALF_TRANSFERS =
            """
            SELECT (SELECT count(*) FROM ledger_entries WHERE kind = 'TRANSFER_OUT')
                   - (SELECT count(*) FROM ledger_entries WHERE kind = 'TRANSFER_IN'),
                   (SELECT COALESCE(sum(amount), 0) FROM ledger_entries
                    WHERE kind IN ('TRANSFER_OUT', 'TRANSFER_IN'))""";

    private static final String HISTORY_DIFFERS =
            """
            SELECT count(*) FROM employees m
            WHERE (SELECT COALESCE(sum(amount), 0) FROM transfer_totals
                   WHERE from_user = m.user_id)
               <> (SELECT COALESCE(-sum(amount), 0) FROM ledger_entries
                   WHERE user_id = m.user_id AND kind = 'TRANSFER_OUT')
               OR (SELECT COALESCE(sum(amount), 0) FROM transfer_totals
                   WHERE to_user = m.user_id)
               <> (SELECT COALESCE(sum(amount), 0) FROM ledger_entries
                   WHERE user_id = m.user_id AND kind = 'TRANSFER_IN')""";

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
        assertTransfersAreWhole(database);
    }

    private static void assertTransfersAreWhole(Database database) {
        try (Connection connection = database.connect();
                ResultSet halves = connection.createStatement().executeQuery(HALF_TRANSFERS)) {
            halves.next();
            assertThat(halves.getLong(1)).as("outgoing minus incoming transfer entries").isZero();
            assertThat(halves.getLong(2)).as("coins moved out minus coins moved in").isZero();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        assertThat(database.queryLong(HISTORY_DIFFERS))
                .as("employees whose grouped history differs from their ledger")
                .isZero();
    }
}

package coffer.testing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Expiry on the test's schedule, by the database clock that decides it: lots are accrued to expire
 * a day ahead and expired once the test has set everything up, so a slow setup can never overrun a
 * deadline that the test did not choose (a lot meant to expire "in 3 s" expired before the last
 * spend of a slow setup reached it, and the test was red by chance).
 */
public record Expiry(Database database) {

    private static final Duration NO_SETUP_REACHES_IT = Duration.ofDays(1);

    /** Now, by the database clock. */
    public Instant now() {
        long micros = database.queryLong("SELECT (extract(epoch FROM now()) * 1000000)::bigint");
        return Instant.ofEpochSecond(0, micros * 1_000);
    }

    /** An expiry in the future that no test's setup reaches: a lot to be expired later. */
    public Instant later() {
        return now().plus(NO_SETUP_REACHES_IT);
    }

    /**
     * Makes the lots expired from now on: every transaction that starts after this returns sees
     * them expired, exactly as if their expiry had passed.
     */
    public void expireNow(long... accrualIds) {
        try (Connection connection = database.connect();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "UPDATE accruals SET expires_at = clock_timestamp() WHERE id = ANY (?)"
                                        + " AND expires_at > now()")) {
            Array ids =
                    connection.createArrayOf("bigint", Arrays.stream(accrualIds).boxed().toArray());
            statement.setArray(1, ids);
            int expired = statement.executeUpdate();
            if (expired != accrualIds.length) {
                throw new IllegalStateException(
                        "Expected to expire "
                                + accrualIds.length
                                + " live lots, expired "
                                + expired);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Could not expire lots", failed);
        }
    }
}

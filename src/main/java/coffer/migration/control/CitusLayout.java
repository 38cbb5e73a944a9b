package coffer.migration.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Spreads the tables over a Citus cluster, once Flyway has migrated them: what lets one Coffer
 * database outgrow one machine. A user's rows follow the user: {@code users} is distributed by its
 * number, and every table of a user's rows by {@code user_id} (or the sender, or the idempotency
 * scope) in the same co-location group, so that all statements of one user's change run on one
 * shard, in one local transaction. External ids are distributed by themselves, where they are
 * unique. Employees are a reference table (a copy on every node), so the merch history joins any
 * user's transfer totals with the names locally. The scheduler's, lease's, instances' and jobs'
 * tables stay local on the coordinator: its claims compute times with functions Citus would refuse
 * on distributed tables, and they are a few rows.
 *
 * <p>On when the database has the {@code citus} extension, or {@code db.citus} ({@code DB_CITUS})
 * is true, which creates the extension (and fails with {@link Unavailable} where it cannot); never
 * when {@code db.citus} is false. Idempotent: a table already distributed is left as it is, so
 * every start may run it, and a start that stopped half-way goes on where it stopped. A table with
 * rows is copied to its shards by Citus, and its local copy emptied, so an existing database moves
 * with its data. One instance at a time: an advisory lock serialises starts of a cluster.
 */
final class CitusLayout {

    private static final Logger LOG = Logger.getLogger(CitusLayout.class.getName());

    /** Taken for the layout, released with the session: a number no other lock of Coffer uses. */
    static final long LOCK = 0x636f66666572L;

    /** In the order Citus needs: a table after the tables its foreign keys refer to. */
    private static final List<Placement> PLACEMENTS =
            List.of(
                    Placement.distributed("users", "id"),
                    Placement.reference("employees"),
                    Placement.colocated("accruals", "user_id"),
                    Placement.colocated("ledger_entries", "user_id"),
                    Placement.colocated("inventory", "user_id"),
                    Placement.colocated("transfer_totals", "from_user"),
                    Placement.colocated("idempotent_requests", "scope"),
                    Placement.distributed("external_ids", "external_id"));

    private CitusLayout() {}

    /**
     * Distributes what is not distributed yet, when Citus is on.
     *
     * @param switchedOn {@code db.citus}: empty to follow the extension
     * @return whether Citus is on
     */
    static boolean apply(Connection connection, Optional<Boolean> switchedOn) throws SQLException {
        if (!isOn(switchedOn, () -> hasExtension(connection))) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            try {
                createExtension(statement);
                for (Placement placement : PLACEMENTS) {
                    if (!isPlaced(connection, placement.table())) {
                        statement.execute("SELECT " + placement.call());
                        LOG.info(() -> "Citus: " + placement.call());
                    }
                }
                // Citus copied the rows to the shards; the tables' own copies are no longer read.
                // Emptied once all are placed (TRUNCATE refuses a table a local one refers to),
                // and on a later start if a start stopped before.
                for (Placement placement : PLACEMENTS) {
                    if (hasLocalCopy(connection, placement.table())) {
                        statement.execute(
                                "SELECT truncate_local_data_after_distributing_table('"
                                        + placement.table()
                                        + "')");
                    }
                }
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
        }
        return true;
    }

    /**
     * As {@code db.citus} says when it is set, whatever the database has: off keeps every table
     * local even on a Citus server, on creates the extension. Unset, it follows the extension.
     */
    static boolean isOn(Optional<Boolean> switchedOn, BooleanSupplier hasExtension) {
        return switchedOn.orElseGet(hasExtension::getAsBoolean);
    }

    private static void createExtension(Statement statement) {
        try {
            statement.execute("CREATE EXTENSION IF NOT EXISTS citus");
        } catch (SQLException cannot) {
            throw new Unavailable(cannot);
        }
    }

    private static boolean hasExtension(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet found =
                        statement.executeQuery(
                                "SELECT 1 FROM pg_extension WHERE extname = 'citus'")) {
            return found.next();
        } catch (SQLException failed) {
            throw new IllegalStateException("Could not tell whether Citus is installed", failed);
        }
    }

    private static boolean hasLocalCopy(Connection connection, String table) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT pg_relation_size(?::regclass) > 0")) {
            select.setString(1, table);
            try (ResultSet size = select.executeQuery()) {
                return size.next() && size.getBoolean(1);
            }
        }
    }

    /**
     * Distributed or reference. Not a table that Citus only added to its metadata: a local table
     * that refers to a reference table becomes one (inventory, once employees is placed).
     */
    private static boolean isPlaced(Connection connection, String table) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement(
                        """
                        SELECT 1 FROM pg_dist_partition WHERE logicalrelid = ?::regclass
                            AND (partmethod = 'h' OR repmodel = 't')""")) {
            select.setString(1, table);
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        }
    }

    /**
     * Citus is switched on ({@code db.citus}) and this database cannot have it: the server has no
     * Citus, does not preload it, or Coffer's user may not create the extension. Its message says
     * what to fix and names nothing internal, so readiness shows it; the database's own words are
     * in the cause, for the log.
     */
    static final class Unavailable extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Unavailable(SQLException cause) {
            super(
                    "DB_CITUS is true but the database cannot create the citus extension: install"
                            + " Citus on every node with shared_preload_libraries = 'citus' (and"
                            + " CREATE EXTENSION citus as a superuser if Coffer's user is not one),"
                            + " or set DB_CITUS=false",
                    cause);
        }
    }

    /** Where a table goes: the Citus function call that puts it there. */
    private record Placement(String table, String call) {

        static Placement distributed(String table, String column) {
            return new Placement(
                    table, "create_distributed_table('" + table + "', '" + column + "')");
        }

        static Placement colocated(String table, String column) {
            return new Placement(
                    table,
                    "create_distributed_table('"
                            + table
                            + "', '"
                            + column
                            + "', colocate_with => 'users')");
        }

        static Placement reference(String table) {
            return new Placement(table, "create_reference_table('" + table + "')");
        }
    }
}

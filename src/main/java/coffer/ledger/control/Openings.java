package coffer.ledger.control;

import coffer.ledger.entity.Opening;
import coffer.ledger.entity.UserExists;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opens users in bulk, in the caller's transaction: an import's part of the books. A chunk of users
 * costs four statements whatever its size (their external ids, the users, the ones that were there
 * already, their OPENING entries), where JPA would cost a round trip per user to read back each
 * identity; hence plain JDBC on the transaction's own data source, with arrays as parameters.
 *
 * <p>A user that is there already is this import's, and is left alone, when it has the item's
 * number (if the item gives one), the item's external id (or none, as the item) and was opened with
 * the item's balance; any other user in the way refuses the whole import.
 */
@ApplicationScoped
public class Openings {

    /** Numbers the items do not give come from the identity sequence, moved past theirs. */
    private static final String MOVE_NUMBERS_PAST =
            "SELECT setval('users_id_seq', greatest(last_value, ?)) FROM users_id_seq";

    /**
     * Claims the items' external ids ({@code external_ids}, where they are unique), each with the
     * item's number or a new one: the ids claimed now and their numbers.
     */
    private static final String CLAIM_EXTERNAL_IDS =
            """
            INSERT INTO external_ids (external_id, user_id)
            SELECT i.external_id::uuid, coalesce(i.id, nextval('users_id_seq'))
            FROM unnest(?::bigint[], ?::text[]) AS i (id, external_id)
            WHERE i.external_id IS NOT NULL
            ON CONFLICT DO NOTHING
            RETURNING external_id::text, user_id""";

    private static final String INSERT_USERS =
            """
            INSERT INTO users (id, external_id, balance) OVERRIDING SYSTEM VALUE
            SELECT coalesce(i.id, nextval('users_id_seq')), i.external_id::uuid, i.balance
            FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS i (id, external_id, balance)
            ON CONFLICT DO NOTHING
            RETURNING id, external_id::text, balance""";

    private static final String EXISTING =
            """
            SELECT u.id, u.external_id::text, e.amount FROM users u
            JOIN ledger_entries e ON e.user_id = u.id AND e.kind = 'OPENING'
            WHERE u.id = ANY (?::bigint[]) OR u.id IN (
                SELECT user_id FROM external_ids WHERE external_id = ANY (?::text[]::uuid[]))""";

    private static final String INSERT_OPENING_ENTRIES =
            """
            INSERT INTO ledger_entries (user_id, kind, amount, balance_after)
            SELECT i.id, 'OPENING', i.balance, i.balance
            FROM unnest(?::bigint[], ?::bigint[]) AS i (id, balance)""";

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource database;

    /**
     * Moves the identity sequence past the highest number the users give, before any of them is
     * opened: the users without a number, in any chunk, and the users opened later, get numbers
     * above it. (setval is not transactional: a refused import leaves a gap in the numbers.)
     */
    public void reserveNumbers(List<Opening> users) {
        long highest =
                users.stream()
                        .map(Opening::number)
                        .filter(Objects::nonNull)
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(0);
        if (highest == 0) {
            return;
        }
        try (Connection connection = database.getConnection();
                PreparedStatement move = connection.prepareStatement(MOVE_NUMBERS_PAST)) {
            move.setLong(1, highest);
            move.executeQuery().close();
        } catch (SQLException failed) {
            throw new PersistenceException("Reserving user numbers failed", failed);
        }
    }

    /**
     * Opens the users of the chunk not opened yet, and appends their OPENING entries.
     *
     * @param first the index of the chunk's first item in the import, for the refusal
     * @return how many it opened
     * @throws UserExists when an item's number or external id belongs to a user not its own
     */
    public int open(List<Opening> chunk, int first) {
        try (Connection connection = database.getConnection()) {
            List<Opened> opened = insertUsers(connection, chunk);
            if (opened.size() < chunk.size()) {
                checkTheRestAreThere(connection, chunk, opened, first);
            }
            appendOpeningEntries(connection, opened);
            return opened.size();
        } catch (SQLException failed) {
            throw new PersistenceException("Opening users in bulk failed", failed);
        }
    }

    /**
     * Inserts the users whose external id this chunk claimed, or who have none; a user whose
     * external id was claimed before is left to {@link #checkTheRestAreThere}.
     */
    private static List<Opened> insertUsers(Connection connection, List<Opening> chunk)
            throws SQLException {
        Map<String, Long> claimed = claimExternalIds(connection, chunk);
        List<Long> numbers = new ArrayList<>();
        List<String> externalIds = new ArrayList<>();
        List<Long> balances = new ArrayList<>();
        for (Opening item : chunk) {
            String externalId = item.externalId() == null ? null : item.externalId().toString();
            if (externalId == null || claimed.containsKey(externalId)) {
                numbers.add(externalId == null ? item.number() : claimed.get(externalId));
                externalIds.add(externalId);
                balances.add(item.balance());
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USERS)) {
            insert.setArray(1, longs(connection, numbers));
            insert.setArray(2, connection.createArrayOf("text", externalIds.toArray()));
            insert.setArray(3, longs(connection, balances));
            List<Opened> opened = new ArrayList<>(chunk.size());
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    opened.add(new Opened(rows.getLong(1), rows.getString(2), rows.getLong(3)));
                }
            }
            return opened;
        }
    }

    private static Map<String, Long> claimExternalIds(Connection connection, List<Opening> chunk)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_EXTERNAL_IDS)) {
            claim.setArray(1, longs(connection, chunk.stream().map(Opening::number).toList()));
            claim.setArray(
                    2,
                    connection.createArrayOf(
                            "text",
                            chunk.stream()
                                    .map(Opening::externalId)
                                    .map(id -> id == null ? null : id.toString())
                                    .toArray()));
            Map<String, Long> claimed = new HashMap<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.put(rows.getString(1), rows.getLong(2));
                }
            }
            return claimed;
        }
    }

    /** Every item not opened now must be a user opened before with the same ids and balance. */
    private static void checkTheRestAreThere(
            Connection connection, List<Opening> chunk, List<Opened> opened, int first)
            throws SQLException {
        Set<Long> openedNumbers = new HashSet<>();
        Set<String> openedExternalIds = new HashSet<>();
        opened.forEach(
                user -> {
                    openedNumbers.add(user.number());
                    openedExternalIds.add(user.externalId());
                });
        Map<Integer, Opening> rest = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            Opening item = chunk.get(i);
            boolean isOpened =
                    item.number() != null
                            ? openedNumbers.contains(item.number())
                            : openedExternalIds.contains(item.externalId().toString());
            if (!isOpened) {
                rest.put(first + i, item);
            }
        }
        Map<Object, Opened> existing = new HashMap<>();
        for (Opened user : existing(connection, rest.values())) {
            existing.put(user.number(), user);
            if (user.externalId() != null) {
                existing.put(user.externalId(), user);
            }
        }
        rest.forEach(
                (index, item) -> {
                    Opened found =
                            existing.get(
                                    item.number() != null
                                            ? item.number()
                                            : item.externalId().toString());
                    if (found == null || !found.is(item)) {
                        throw new UserExists(index, item);
                    }
                });
    }

    private static List<Opened> existing(Connection connection, Iterable<Opening> items)
            throws SQLException {
        List<Long> numbers = new ArrayList<>();
        List<String> externalIds = new ArrayList<>();
        for (Opening item : items) {
            if (item.number() != null) {
                numbers.add(item.number());
            }
            if (item.externalId() != null) {
                externalIds.add(item.externalId().toString());
            }
        }
        try (PreparedStatement select = connection.prepareStatement(EXISTING)) {
            select.setArray(1, longs(connection, numbers));
            select.setArray(2, connection.createArrayOf("text", externalIds.toArray()));
            List<Opened> existing = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    existing.add(new Opened(rows.getLong(1), rows.getString(2), rows.getLong(3)));
                }
            }
            return existing;
        }
    }

    private static void appendOpeningEntries(Connection connection, List<Opened> opened)
            throws SQLException {
        if (opened.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OPENING_ENTRIES)) {
            insert.setArray(1, longs(connection, opened.stream().map(Opened::number).toList()));
            insert.setArray(2, longs(connection, opened.stream().map(Opened::balance).toList()));
            insert.execute();
        }
    }

    private static Array longs(Connection connection, List<Long> values) throws SQLException {
        return connection.createArrayOf("bigint", values.toArray());
    }

    /** A user as the database has it: its number, external id (or null) and opening balance. */
    private record Opened(long number, String externalId, long balance) {

        boolean is(Opening item) {
            return (item.number() == null || item.number() == number)
                    && Objects.equals(
                            externalId,
                            item.externalId() == null ? null : item.externalId().toString())
                    && item.balance() == balance;
        }
    }
}

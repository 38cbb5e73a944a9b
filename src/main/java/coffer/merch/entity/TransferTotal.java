package coffer.merch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * The total of coins one employee has sent another, kept in the transaction of each transfer, so
 * that the grouped history is one indexed read per direction, however many transfers there were. A
 * transfer holds both users' row locks when it adds to the row, so adding never waits in a cycle
 * either.
 */
@Entity
@Table(name = "transfer_totals")
@IdClass(TransferTotal.Key.class)
@NamedNativeQuery(
        name = TransferTotal.ADD,
        query =
                """
        INSERT INTO transfer_totals (from_user, to_user, amount) VALUES (?1, ?2, ?3)
        ON CONFLICT (from_user, to_user) DO UPDATE
            SET amount = transfer_totals.amount + EXCLUDED.amount""")
@NamedQuery(
        name = TransferTotal.RECEIVED,
        query =
                """
        SELECT e.username, t.amount FROM TransferTotal t, Employee e
        WHERE t.toUser = :userId AND e.userId = t.fromUser ORDER BY e.username""")
@NamedQuery(
        name = TransferTotal.SENT,
        query =
                """
        SELECT e.username, t.amount FROM TransferTotal t, Employee e
        WHERE t.fromUser = :userId AND e.userId = t.toUser ORDER BY e.username""")
public class TransferTotal {

    /** Adds a transfer to its pair's total; always 1 row (inserted or updated). */
    public static final String ADD = "TransferTotal.add";

    /** Who sent the employee coins, and how many in all: (username, amount) rows. */
    public static final String RECEIVED = "TransferTotal.received";

    /** Whom the employee sent coins, and how many in all: (username, amount) rows. */
    public static final String SENT = "TransferTotal.sent";

    @Id
    @Column(name = "from_user")
    private long fromUser;

    @Id
    @Column(name = "to_user")
    private long toUser;

    private long amount;

    protected TransferTotal() {}

    /** The primary key: one row per sender and recipient. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private long fromUser;
        private long toUser;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && fromUser == that.fromUser && toUser == that.toUser;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fromUser) * 31 + Long.hashCode(toUser);
        }
    }
}

package coffer.merch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/** How many of one item an employee bought. */
@Entity
@Table(name = "inventory")
@IdClass(Holding.Key.class)
@NamedQuery(
        name = Holding.OF_EMPLOYEE,
        query =
                """
        SELECT h FROM Holding h WHERE h.userId = :userId ORDER BY h.item""")
@NamedNativeQuery(
        name = Holding.ADD_ONE,
        query =
                """
        INSERT INTO inventory (user_id, item, quantity) VALUES (?1, ?2, 1)
        ON CONFLICT (user_id, item) DO UPDATE SET quantity = inventory.quantity + 1""")
public class Holding {

    public static final String OF_EMPLOYEE = "Holding.ofEmployee";

    /** Counts one more of the item; always 1 row (inserted or updated). */
    public static final String ADD_ONE = "Holding.addOne";

    @Id
    @Column(name = "user_id")
    private long userId;

    @Id private String item;

    private long quantity;

    protected Holding() {}

    public String item() {
        return item;
    }

    public long quantity() {
        return quantity;
    }

    /** The primary key: one row per employee and item. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private long userId;
        private String item;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && userId == that.userId && item.equals(that.item);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(userId) * 31 + item.hashCode();
        }
    }
}

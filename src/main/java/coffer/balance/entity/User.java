package coffer.balance.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A holder of a balance. Created through JPA; its balance is only ever changed in bulk. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.CHANGE_BALANCE, query = """
        UPDATE User u SET u.balance = u.balance + :amount
        WHERE u.id = :id AND u.balance BETWEEN :lowest AND :highest""")
@NamedQuery(name = User.BALANCE, query = "SELECT u.balance FROM User u WHERE u.id = :id")
public class User {

    /**
     * Adds {@code amount} if, and only if, the balance lies in the {@link BalanceRange} that
     * admits it: 1 row updated means applied, 0 means unknown user or refused.
     */
    public static final String CHANGE_BALANCE = "User.changeBalance";
    public static final String BALANCE = "User.balance";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private long balance;

    protected User() {
    }

    public User(long openingBalance) {
        this.balance = openingBalance;
    }

    public long id() {
        return id;
    }

    public long balance() {
        return balance;
    }
}

package coffer.merch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The login of a user of the ledger: a unique username and the bcrypt hash of a password. */
@Entity
@Table(name = "employees")
@NamedQuery(
        name = Employee.BY_USERNAME,
        query =
                """
        SELECT e FROM Employee e WHERE e.username = :username""")
@NamedNativeQuery(
        name = Employee.REGISTER,
        query =
                """
        INSERT INTO employees (user_id, username, password_hash) VALUES (?1, ?2, ?3)
        ON CONFLICT (username) DO NOTHING""")
public class Employee {

    public static final String BY_USERNAME = "Employee.byUsername";

    /**
     * Registers a username for a user; 1 row: registered, 0: the name is taken. A concurrent
     * registration of the same name makes this wait for its transaction to end, so two first logins
     * of one name register one employee. Native because JPQL has no INSERT.
     */
    public static final String REGISTER = "Employee.register";

    @Id
    @Column(name = "user_id")
    private long userId;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    protected Employee() {}

    public Employee(long userId, String username, String passwordHash) {
        this.userId = userId;
        this.username = username;
        this.passwordHash = passwordHash;
    }

    public long userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** Never the hash: this may end up in a log line. */
    @Override
    public String toString() {
        return "Employee " + username + " (user " + userId + ")";
    }
}

package coffer.merch.boundary;

import coffer.ledger.control.Books;
import coffer.ledger.control.Outcome;
import coffer.merch.control.Registry;
import coffer.merch.entity.Employee;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The transactions of logins: looking an employee up, and registering one. Password hashing happens
 * outside them, so no connection or lock is held while a hash is computed.
 */
@Stateless
public class Employees {

    /** What every new employee starts with. */
    static final long OPENING_COINS = 1000;

    @Inject Books books;

    @Inject Registry registry;

    @Resource SessionContext session;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Employee> find(String username) {
        return registry.byUsername(username);
    }

    /**
     * Opens a user with 1000 coins (its OPENING entry) and registers the username for it; empty,
     * with nothing written, when a concurrent first login registered the name first.
     */
    public Optional<Employee> register(String username, String passwordHash) {
        // Without an external id, opening cannot be refused.
        long userId =
                books.open(OPENING_COINS, Optional.empty(), null)
                        .fold(
                                Outcome.Applied::userId,
                                refused -> {
                                    throw refused;
                                });
        if (!registry.register(userId, username, passwordHash)) {
            session.setRollbackOnly();
            return Optional.empty();
        }
        return Optional.of(new Employee(userId, username, passwordHash));
    }
}

package coffer.merch.control;

import coffer.BulkUpdates;
import coffer.merch.entity.Employee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** The employees' logins, in the caller's transaction. */
@ApplicationScoped
public class Registry {

    @PersistenceContext EntityManager entityManager;

    public Optional<Employee> byUsername(String username) {
        return entityManager
                .createNamedQuery(Employee.BY_USERNAME, Employee.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** True when the name was free and is now the user's; false when it is taken. */
    public boolean register(long userId, String username, String passwordHash) {
        return BulkUpdates.named(entityManager, Employee.REGISTER)
                .setParameter(1, userId)
                .setParameter(2, username)
                .setParameter(3, passwordHash)
                .atMostOne();
    }
}

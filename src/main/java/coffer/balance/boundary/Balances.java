package coffer.balance.boundary;

import coffer.balance.entity.BalanceLimitExceeded;
import coffer.balance.entity.BalanceRange;
import coffer.balance.entity.InsufficientFunds;
import coffer.balance.entity.User;
import coffer.balance.entity.UserBalance;
import coffer.balance.entity.UserId;
import coffer.balance.entity.UserNotFound;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * The transaction boundary of every balance operation.
 *
 * <p>A change is one conditional UPDATE. Concurrent changes of one user queue on the row lock
 * the first UPDATE takes; each waiter, once the lock is released, re-evaluates the condition on
 * the committed balance (PostgreSQL's READ COMMITTED re-check), so no update is lost and no
 * balance goes below zero, without any lock of ours or any retry.
 */
@Stateless
public class Balances {

    @PersistenceContext
    EntityManager entityManager;

    public UserBalance open(long openingBalance) {
        User user = new User(openingBalance);
        entityManager.persist(user);
        entityManager.flush();
        return new UserBalance(user.id(), user.balance());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserBalance balanceOf(UserId userId) {
        return new UserBalance(userId.value(), currentBalance(userId)
                .orElseThrow(() -> new UserNotFound(userId)));
    }

    /**
     * Applies a credit (positive amount) or a debit (negative amount) if the balance admits it.
     *
     * @throws UserNotFound when there is no such user
     * @throws InsufficientFunds when a debit would make the balance negative
     * @throws BalanceLimitExceeded when a credit would overflow the balance
     */
    public UserBalance change(UserId userId, long amount) {
        BalanceRange admitting = BalanceRange.admitting(amount);
        int updated = entityManager.createNamedQuery(User.CHANGE_BALANCE)
                .setParameter("amount", amount)
                .setParameter("id", userId.value())
                .setParameter("lowest", admitting.lowest())
                .setParameter("highest", admitting.highest())
                .executeUpdate();
        // Applied: the row is locked by this transaction, so this reads our own result.
        // Refused: an unlocked read, only to explain the refusal.
        long balance = currentBalance(userId).orElseThrow(() -> new UserNotFound(userId));
        return switch (updated) {
            case 1 -> new UserBalance(userId.value(), balance);
            case 0 -> throw amount < 0
                    ? new InsufficientFunds(userId, balance, -amount)
                    : new BalanceLimitExceeded(userId, balance, amount);
            default -> throw new IllegalStateException(
                    updated + " rows updated for one user id " + userId);
        };
    }

    private Optional<Long> currentBalance(UserId userId) {
        return entityManager.createNamedQuery(User.BALANCE, Long.class)
                .setParameter("id", userId.value())
                .getResultStream()
                .findFirst();
    }
}

package coffer.balance.boundary;

import coffer.balance.entity.UserBalance;
import coffer.idempotency.boundary.Answers;
import coffer.idempotency.control.IdempotencyKeys;
import coffer.idempotency.entity.Answer;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.control.Books;
import coffer.ledger.control.Change;
import coffer.ledger.entity.EntryKind;
import coffer.ledger.entity.UserId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The transaction boundary of the balance API: each call is one transaction, in which the key
 * (if any) is claimed, the balance changed, the ledger entry appended and the answer recorded.
 *
 * <p>A change is one conditional UPDATE (see {@link Books#change}). Concurrent changes of one
 * user queue on the row lock the first UPDATE takes; each waiter, once the lock is released,
 * re-evaluates the condition on the committed balance (PostgreSQL's READ COMMITTED re-check),
 * so no update is lost and no balance goes below zero, without any lock of ours or any retry.
 */
@Stateless
public class Balances {

    /** The idempotency scope of requests that belong to no user yet. */
    private static final long NO_USER = 0;

    @Inject
    Books books;

    @Inject
    IdempotencyKeys keys;

    public Answer open(long openingBalance, Optional<IdempotencyKey> key) {
        return keys.once(NO_USER, key, "open:" + openingBalance, () -> {
            Change.Applied opened = books.open(openingBalance, IdempotencyKey.textOf(key));
            return Answers.created(new UserBalance(opened.userId(), opened.available()),
                    "/users/" + opened.userId());
        });
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserBalance balanceOf(UserId userId) {
        return new UserBalance(userId.value(), books.available(userId));
    }

    /**
     * Applies a credit (positive amount) or a debit (negative amount) if the available balance
     * admits it; answers the new available balance or why it was refused.
     */
    public Answer change(UserId userId, long amount, Optional<IdempotencyKey> key) {
        EntryKind kind = amount < 0 ? EntryKind.DEBIT : EntryKind.CREDIT;
        return keys.once(userId.value(), key, "change:" + amount, () -> books
                .change(userId, amount, kind, IdempotencyKey.textOf(key))
                .fold(applied -> Answers.ok(new UserBalance(applied.userId(),
                        applied.available())), Answers::problem));
    }
}

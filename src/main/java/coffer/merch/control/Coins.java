package coffer.merch.control;

import coffer.BulkUpdates;
import coffer.ledger.control.Books;
import coffer.ledger.control.Outcome;
import coffer.ledger.entity.EntryKind;
import coffer.ledger.entity.UserId;
import coffer.merch.entity.Holding;
import coffer.merch.entity.Item;
import coffer.merch.entity.TransferTotal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Moves employees' coins through the books, in the caller's transaction. */
@ApplicationScoped
public class Coins {

    @Inject Books books;

    @PersistenceContext EntityManager entityManager;

    /**
     * Moves coins from one employee to another: the sender's TRANSFER_OUT entry (the debit, by the
     * conditional update), the recipient's TRANSFER_IN entry and the pair's total. The two rows are
     * locked lower id first: when the recipient's id is the lower, its row is locked before the
     * debit. A refused debit comes before any write, so it leaves the books as they were. The
     * recipient's entry carries no key: the key is the sender's, and the recipient may use the same
     * text for a request of their own.
     */
    public Outcome transfer(long fromUser, long toUser, long amount, String key) {
        UserId sender = new UserId(fromUser);
        UserId recipient = new UserId(toUser);
        if (toUser < fromUser) {
            books.lock(recipient);
        }
        Outcome debit = books.change(sender, -amount, EntryKind.TRANSFER_OUT, key);
        if (debit instanceof Outcome.Refused) {
            return debit;
        }
        books.change(recipient, amount, EntryKind.TRANSFER_IN, null)
                .fold(
                        applied -> applied,
                        refused -> {
                            // Only a balance past 2^63-1 refuses a credit: not with coins that all
                            // started as 1000 per employee. Thrown, it rolls the debit back.
                            throw refused;
                        });
        BulkUpdates.named(entityManager, TransferTotal.ADD)
                .setParameter(1, fromUser)
                .setParameter(2, toUser)
                .setParameter(3, amount)
                .exactlyOne();
        return debit;
    }

    /** Buys one of the item: the PURCHASE entry (the debit) and one more in the inventory. */
    public Outcome buy(long userId, Item item, String key) {
        Outcome debit = books.change(new UserId(userId), -item.price(), EntryKind.PURCHASE, key);
        if (debit instanceof Outcome.Applied) {
            BulkUpdates.named(entityManager, Holding.ADD_ONE)
                    .setParameter(1, userId)
                    .setParameter(2, item.slug())
                    .exactlyOne();
        }
        return debit;
    }
}

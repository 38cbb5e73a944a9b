package coffer.merch.boundary;

import coffer.idempotency.control.Answer;
import coffer.idempotency.control.IdempotencyKeys;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.control.Books;
import coffer.ledger.control.Outcome;
import coffer.ledger.entity.UserId;
import coffer.merch.control.Caller;
import coffer.merch.control.Coins;
import coffer.merch.control.Registry;
import coffer.merch.entity.Holding;
import coffer.merch.entity.Item;
import coffer.merch.entity.NotEnoughCoins;
import coffer.merch.entity.SelfTransfer;
import coffer.merch.entity.TransferTotal;
import coffer.merch.entity.UnknownRecipient;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The transaction boundary of the coin routes: each transfer and each purchase is one transaction
 * that claims the idempotency key (scoped to the employee's user id, like the employee's other
 * keys), changes the books and records the answer, refusals included.
 */
@Stateless
public class Shop {

    /** The answer of an accepted transfer or purchase: 200, no body. */
    private static final Answer<Void> DONE = Answer.ok(null);

    @Inject Coins coins;

    @Inject Registry registry;

    @Inject Books books;

    @Inject IdempotencyKeys keys;

    @PersistenceContext EntityManager entityManager;

    public Answer<Void> send(Caller caller, CoinTransfer transfer, Optional<IdempotencyKey> key) {
        if (transfer.toUser().equals(caller.username())) {
            throw new SelfTransfer();
        }
        return keys.once(
                caller.userId(),
                key,
                transfer.fingerprint(),
                Void.class,
                () -> {
                    long recipient =
                            registry.byUsername(transfer.toUser())
                                    .orElseThrow(() -> new UnknownRecipient(transfer.toUser()))
                                    .userId();
                    return answer(
                            coins.transfer(
                                    caller.userId(),
                                    recipient,
                                    transfer.amount(),
                                    IdempotencyKey.textOf(key)));
                });
    }

    public Answer<Void> buy(Caller caller, Item item, Optional<IdempotencyKey> key) {
        return keys.once(
                caller.userId(),
                key,
                "buy:" + item.slug(),
                Void.class,
                () -> answer(coins.buy(caller.userId(), item, IdempotencyKey.textOf(key))));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Info info(Caller caller) {
        long userId = caller.userId();
        List<Info.Holding> inventory =
                entityManager
                        .createNamedQuery(Holding.OF_EMPLOYEE, Holding.class)
                        .setParameter("userId", userId)
                        .getResultStream()
                        .map(holding -> new Info.Holding(holding.item(), holding.quantity()))
                        .toList();
        return new Info(
                books.available(new UserId(userId)),
                inventory,
                new Info.CoinHistory(
                        totals(TransferTotal.RECEIVED, userId, Info.Received::new),
                        totals(TransferTotal.SENT, userId, Info.Sent::new)));
    }

    private <T> List<T> totals(
            String query, long userId, BiFunction<String, Long, T> counterpartAndAmount) {
        return entityManager
                .createNamedQuery(query, Object[].class)
                .setParameter("userId", userId)
                .getResultStream()
                .map(
                        row ->
                                counterpartAndAmount.apply(
                                        (String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    private static Answer<Void> answer(Outcome outcome) {
        return outcome.fold(applied -> DONE, refused -> Answer.refused(NotEnoughCoins.of(refused)));
    }
}

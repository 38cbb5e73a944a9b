package coffer.balance.boundary;

import coffer.balance.control.AccountQueues;
import coffer.balance.control.BalanceChange;
import coffer.balance.control.BatchTransactions;
import coffer.idempotency.control.Answer;
import coffer.idempotency.control.IdempotencyKeys;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.idempotency.entity.IdempotencyKeyReused;
import coffer.ledger.control.Books;
import coffer.ledger.control.Outcome;
import coffer.ledger.entity.ExternalId;
import coffer.ledger.entity.UserId;
import coffer.ledger.entity.UserRef;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The transaction boundary of the balance API: each call is one transaction, in which the key (if
 * any) is claimed, the balance changed, the ledger entry appended and the answer recorded.
 *
 * <p>A change is one conditional UPDATE (see {@link Books#change}). Within an instance, concurrent
 * changes of one user queue in {@link AccountQueues}, which hands them here in batches; across
 * instances (and for the routes that are not batched) they queue on the row lock the first UPDATE
 * takes, and each waiter, once the lock is released, re-evaluates the condition on the committed
 * balance (PostgreSQL's READ COMMITTED re-check). Either way no update is lost and no balance goes
 * below zero; the database decides, not a read of the balance.
 *
 * <p>Answers are values ({@link Answer}); the resources write them once the transaction has
 * committed. Only an answer kept under an idempotency key is written as text here, because it must
 * commit with its change.
 */
@Stateless
@LocalBean
@Local(BatchTransactions.class)
public class Balances implements BatchTransactions {

    /** The idempotency scope of requests that belong to no user yet. */
    private static final long NO_USER = 0;

    /** Holds the place of a request answered from an earlier one of its batch, until it is. */
    private static final Answer<UserBalance> REPEAT = Answer.ok(null);

    @Inject Books books;

    @Inject IdempotencyKeys keys;

    /**
     * Opens a user, with the external id the client chose if it gave one; a 409 when another user
     * has it. The fingerprint of a request without one is what it was before external ids.
     */
    public Answer<UserBalance> open(
            long openingBalance, Optional<ExternalId> externalId, Optional<IdempotencyKey> key) {
        return keys.once(
                NO_USER,
                key,
                "open:" + openingBalance + externalId.map(id -> ":" + id).orElse(""),
                UserBalance.class,
                () ->
                        books.open(openingBalance, externalId, IdempotencyKey.textOf(key))
                                .fold(
                                        opened ->
                                                Answer.created(
                                                        new UserBalance(
                                                                opened.userId(),
                                                                opened.externalId(),
                                                                opened.available()),
                                                        "/users/" + opened.userId()),
                                        Answer::refused));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserBalance balanceOf(UserRef user) {
        UserId userId = books.resolve(user);
        Books.Account account = books.account(userId);
        return new UserBalance(userId.shown(), account.externalId(), account.available());
    }

    /**
     * Applies a credit (positive amount) or a debit (negative amount) if the available balance
     * admits it; answers the new available balance or why it was refused.
     */
    @Override
    public Answer<UserBalance> change(UserRef user, BalanceChange change) {
        UserId userId = books.resolve(user);
        return keys.once(
                userId.value(),
                change.key(),
                change.fingerprint(),
                UserBalance.class,
                () ->
                        answer(
                                userId,
                                books.change(
                                        userId,
                                        change.amount(),
                                        change.kind(),
                                        IdempotencyKey.textOf(change.key()))));
    }

    /**
     * Applies changes of one user in one transaction, each decided and answered exactly as {@link
     * #change} would at its turn in this order (a batch that {@link AccountQueues} collected). Keys
     * are claimed first, in key order, and only then is the row locked: two batches that share keys
     * take them in one order, and every transaction takes keys before the row, so none can wait for
     * another in a cycle. A key sent twice in one batch is answered from its first request, as a
     * retry would be. A user named by external id is resolved first, in this transaction.
     */
    @Override
    public List<Answer<UserBalance>> changeInOrder(UserRef user, List<BalanceChange> changes) {
        UserId userId = books.resolve(user);
        @SuppressWarnings("unchecked")
        Answer<UserBalance>[] answers = new Answer[changes.size()];
        Map<Integer, Integer> repeats = claimKeys(userId, changes, answers);
        List<Integer> toApply =
                IntStream.range(0, changes.size()).filter(i -> answers[i] == null).boxed().toList();
        List<Outcome> outcomes =
                books.changeInOrder(
                        userId, toApply.stream().map(i -> changes.get(i).requested()).toList());
        for (int n = 0; n < toApply.size(); n++) {
            int i = toApply.get(n);
            answers[i] = answer(userId, outcomes.get(n));
            changes.get(i).key().ifPresent(key -> keys.record(userId.value(), key, answers[i]));
        }
        repeats.forEach(
                (repeat, first) ->
                        answers[repeat] =
                                changes.get(repeat)
                                                .fingerprint()
                                                .equals(changes.get(first).fingerprint())
                                        ? answers[first].asReplay()
                                        : Answer.refused(
                                                new IdempotencyKeyReused(
                                                        changes.get(repeat).key().orElseThrow())));
        return List.of(answers);
    }

    /**
     * Claims the keys of the batch in key order, answering the requests a key settles before
     * anything is applied (a replay, or a key reused for another request). Returns the requests
     * that repeat a key whose first request this batch applies, each with that first one: they are
     * answered from it once it is.
     */
    private Map<Integer, Integer> claimKeys(
            UserId userId, List<BalanceChange> changes, Answer<UserBalance>[] answers) {
        Map<IdempotencyKey, List<Integer>> withKey =
                new TreeMap<>(Comparator.comparing(IdempotencyKey::value));
        for (int i = 0; i < changes.size(); i++) {
            int index = i;
            changes.get(i)
                    .key()
                    .ifPresent(
                            key -> withKey.computeIfAbsent(key, k -> new ArrayList<>()).add(index));
        }
        Map<Integer, Integer> repeats = new HashMap<>();
        withKey.forEach(
                (key, requests) -> {
                    Integer applied = null;
                    for (int i : requests) {
                        if (applied != null) {
                            repeats.put(i, applied);
                            answers[i] = REPEAT;
                            continue;
                        }
                        try {
                            Optional<Answer<UserBalance>> earlier =
                                    keys.claim(
                                            userId.value(),
                                            key,
                                            changes.get(i).fingerprint(),
                                            UserBalance.class);
                            if (earlier.isPresent()) {
                                answers[i] = earlier.get();
                            } else {
                                applied = i;
                            }
                        } catch (IdempotencyKeyReused reused) {
                            answers[i] = Answer.refused(reused);
                        }
                    }
                });
        return repeats;
    }

    private static Answer<UserBalance> answer(UserId userId, Outcome outcome) {
        return outcome.fold(
                applied ->
                        Answer.ok(
                                new UserBalance(
                                        userId.shown(), applied.externalId(), applied.available())),
                Answer::refused);
    }
}

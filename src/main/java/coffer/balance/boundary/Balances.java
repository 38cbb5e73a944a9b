package coffer.balance.boundary;

import coffer.balance.entity.UserBalance;
import coffer.idempotency.boundary.Answers;
import coffer.idempotency.control.IdempotencyKeys;
import coffer.idempotency.entity.Answer;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.idempotency.entity.IdempotencyKeyReused;
import coffer.ledger.control.Books;
import coffer.ledger.control.Change;
import coffer.ledger.entity.ExternalId;
import coffer.ledger.entity.UserId;
import coffer.ledger.entity.UserRef;
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
 * <p>A change is one conditional UPDATE (see {@link Books#change}). Within an instance, the changes
 * of one user wait in {@link AccountQueues} and are applied a batch at a time; across instances,
 * their transactions queue on the row lock the first UPDATE takes, and each waiter, once the lock
 * is released, re-evaluates the condition on the committed balance (PostgreSQL's READ COMMITTED
 * re-check), so no update is lost and no balance goes below zero, without a retry.
 */
@Stateless
public class Balances {

    /** The idempotency scope of requests that belong to no user yet. */
    private static final long NO_USER = 0;

    /** Holds the place of a request answered from an earlier one of its batch, until it is. */
    private static final Answer REPEAT = Answer.of(0, "");

    @Inject Books books;

    @Inject IdempotencyKeys keys;

    /**
     * Opens a user, with the external id the client chose if it gave one; a 409 when another user
     * has it. The fingerprint of a request without one is what it was before external ids.
     */
    public Answer open(
            long openingBalance, Optional<ExternalId> externalId, Optional<IdempotencyKey> key) {
        return keys.once(
                NO_USER,
                key,
                "open:" + openingBalance + externalId.map(id -> ":" + id).orElse(""),
                () ->
                        books.open(openingBalance, externalId, IdempotencyKey.textOf(key))
                                .fold(
                                        opened ->
                                                Answers.created(
                                                        new UserBalance(
                                                                opened.userId(),
                                                                opened.externalId(),
                                                                opened.available()),
                                                        "/users/" + opened.userId()),
                                        Answers::problem));
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
    public Answer change(UserRef user, long amount, Optional<IdempotencyKey> key) {
        UserId userId = books.resolve(user);
        BalanceChange change = new BalanceChange(amount, key);
        return keys.once(
                userId.value(),
                key,
                change.fingerprint(),
                () ->
                        answer(
                                userId,
                                books.change(
                                        userId,
                                        amount,
                                        change.kind(),
                                        IdempotencyKey.textOf(key))));
    }

    /**
     * Applies changes of one user in one transaction, each decided and answered exactly as {@link
     * #change} would at its turn in this order (a batch that {@link AccountQueues} collected). Keys
     * are claimed first, in key order, and only then is the row locked: two batches that share keys
     * take them in one order, and every transaction takes keys before the row, so none can wait for
     * another in a cycle. A key sent twice in one batch is answered from its first request, as a
     * retry would be. A user named by external id is resolved first, in this transaction.
     */
    public List<Answer> changeInOrder(UserRef user, List<BalanceChange> changes) {
        UserId userId = books.resolve(user);
        Answer[] answers = new Answer[changes.size()];
        Map<Integer, Integer> repeats = claimKeys(userId, changes, answers);
        List<Integer> toApply =
                IntStream.range(0, changes.size()).filter(i -> answers[i] == null).boxed().toList();
        List<Change> outcomes =
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
                                        : Answers.problem(
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
            UserId userId, List<BalanceChange> changes, Answer[] answers) {
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
                            Optional<Answer> earlier =
                                    keys.claim(userId.value(), key, changes.get(i).fingerprint());
                            if (earlier.isPresent()) {
                                answers[i] = earlier.get();
                            } else {
                                applied = i;
                            }
                        } catch (IdempotencyKeyReused reused) {
                            answers[i] = Answers.problem(reused);
                        }
                    }
                });
        return repeats;
    }

    private static Answer answer(UserId userId, Change change) {
        return change.fold(
                applied ->
                        Answers.ok(
                                new UserBalance(
                                        userId.shown(), applied.externalId(), applied.available())),
                Answers::problem);
    }
}

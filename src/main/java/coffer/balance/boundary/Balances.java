package coffer.balance.boundary;

import coffer.balance.control.AccountBatch;
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
     * Applies the batches of one or more accounts (a group that {@link AccountQueues} collected) in
     * one transaction, each change decided and answered exactly as {@link #change} would at its
     * turn in its account's order. Locks are taken in one global order, so that no two transactions
     * wait for each other in a cycle: first every key of the group, in (user, key) order, then the
     * accounts' rows, in user id order. A transfer takes its key, then its two rows in id order; a
     * batch that locked a row before claiming a later account's key could wait for that key while
     * its holder waits for the row. A key sent twice in one group is answered from its first
     * request, as a retry would be. Users named by external id are resolved first, in this
     * transaction.
     */
    @Override
    public List<List<Answer<UserBalance>>> changeTogether(List<AccountBatch> batches) {
        List<Turns> accounts =
                batches.stream()
                        .map(batch -> new Turns(books.resolve(batch.user()), batch.changes()))
                        .toList();
        Map<Turn, Turn> repeats = claimKeys(accounts);
        accounts.stream()
                .sorted(Comparator.comparingLong(account -> account.userId.value()))
                .forEach(this::apply);
        repeats.forEach(
                (repeat, first) ->
                        repeat.answer(
                                repeat.change().fingerprint().equals(first.change().fingerprint())
                                        ? first.answer().asReplay()
                                        : Answer.refused(
                                                new IdempotencyKeyReused(
                                                        repeat.change().key().orElseThrow()))));
        return accounts.stream().map(account -> List.of(account.answers)).toList();
    }

    /**
     * Claims the keys of the group in (user, key) order, answering the requests a key settles
     * before anything is applied (a replay, or a key reused for another request). Returns the
     * requests that repeat a key whose first request this group applies, each with that first one:
     * they are answered from it once it is.
     */
    private Map<Turn, Turn> claimKeys(List<Turns> accounts) {
        Map<ScopedKey, List<Turn>> withKey = new TreeMap<>();
        for (Turns account : accounts) {
            for (int i = 0; i < account.changes.size(); i++) {
                Turn turn = new Turn(account, i);
                turn.change()
                        .key()
                        .ifPresent(
                                key ->
                                        withKey.computeIfAbsent(
                                                        new ScopedKey(
                                                                account.userId.value(),
                                                                key.value()),
                                                        k -> new ArrayList<>())
                                                .add(turn));
            }
        }
        Map<Turn, Turn> repeats = new HashMap<>();
        withKey.values()
                .forEach(
                        turns -> {
                            Turn applied = null;
                            for (Turn turn : turns) {
                                if (applied != null) {
                                    repeats.put(turn, applied);
                                    turn.answer(REPEAT);
                                } else if (!settledByKey(turn)) {
                                    applied = turn;
                                }
                            }
                        });
        return repeats;
    }

    /** Claims the turn's key; true when that answered it (a replay, or the key reused). */
    private boolean settledByKey(Turn turn) {
        BalanceChange change = turn.change();
        try {
            Optional<Answer<UserBalance>> earlier =
                    keys.claim(
                            turn.account().userId.value(),
                            change.key().orElseThrow(),
                            change.fingerprint(),
                            UserBalance.class);
            earlier.ifPresent(turn::answer);
            return earlier.isPresent();
        } catch (IdempotencyKeyReused reused) {
            turn.answer(Answer.refused(reused));
            return true;
        }
    }

    /** Applies, in order, the account's changes that no key settled, and keeps their answers. */
    private void apply(Turns account) {
        UserId userId = account.userId;
        List<Integer> toApply =
                IntStream.range(0, account.changes.size())
                        .filter(i -> account.answers[i] == null)
                        .boxed()
                        .toList();
        List<Outcome> outcomes =
                books.changeInOrder(
                        userId,
                        toApply.stream().map(i -> account.changes.get(i).requested()).toList());
        for (int n = 0; n < toApply.size(); n++) {
            Turn turn = new Turn(account, toApply.get(n));
            turn.answer(answer(userId, outcomes.get(n)));
            turn.change().key().ifPresent(key -> keys.record(userId.value(), key, turn.answer()));
        }
    }

    private static Answer<UserBalance> answer(UserId userId, Outcome outcome) {
        return outcome.fold(
                applied ->
                        Answer.ok(
                                new UserBalance(
                                        userId.shown(), applied.externalId(), applied.available())),
                Answer::refused);
    }

    /** One account's changes in a group, and their answers as they are settled. */
    private static final class Turns {
        final UserId userId;
        final List<BalanceChange> changes;
        final Answer<UserBalance>[] answers;

        @SuppressWarnings("unchecked")
        Turns(UserId userId, List<BalanceChange> changes) {
            this.userId = userId;
            this.changes = changes;
            this.answers = new Answer[changes.size()];
        }
    }

    /** One change of a group: its account and its place in that account's order. */
    private record Turn(Turns account, int index) {
        BalanceChange change() {
            return account.changes.get(index);
        }

        Answer<UserBalance> answer() {
            return account.answers[index];
        }

        void answer(Answer<UserBalance> answer) {
            account.answers[index] = answer;
        }
    }

    /** An idempotency key in its scope (the user), ordered as keys are claimed. */
    private record ScopedKey(long scope, String key) implements Comparable<ScopedKey> {
        @Override
        public int compareTo(ScopedKey other) {
            int byScope = Long.compare(scope, other.scope);
            return byScope != 0 ? byScope : key.compareTo(other.key);
        }
    }
}

package coffer.ledger.boundary;

import coffer.Utc;
import coffer.idempotency.control.Answer;
import coffer.idempotency.control.IdempotencyKeys;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.control.Books;
import coffer.ledger.entity.EntryKind;
import coffer.ledger.entity.UserId;
import coffer.ledger.entity.UserRef;
import coffer.problems.entity.InvalidRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The transaction boundary of a user's points: accruals, spends, and the books and entries shown.
 * Like {@code Balances}, each change is one transaction that claims the key, changes the books and
 * records the answer, a value the resource writes after the commit.
 */
@Stateless
public class Points {

    /** How many of the next expiring lots {@code GET /users/{id}/balance} lists. */
    private static final int EXPIRING_LISTED = 10;

    @Inject Books books;

    @Inject IdempotencyKeys keys;

    public Answer<Accrued> accrue(
            UserRef user, AccrualRequest accrual, Optional<IdempotencyKey> key) {
        UserId userId = books.resolve(user);
        OffsetDateTime expiresAt = accrual.expiresAt().orElse(null);
        return keys.once(
                userId.value(),
                key,
                accrual.fingerprint(),
                Accrued.class,
                () -> {
                    if (expiresAt != null && !books.inTheFuture(expiresAt)) {
                        throw new InvalidRequest(
                                "expiresAt must be in the future; "
                                        + expiresAt
                                        + " has passed. Leave it out for points that never expire.");
                    }
                    return books.accrue(
                                    userId, accrual.amount(), expiresAt, IdempotencyKey.textOf(key))
                            .fold(
                                    applied ->
                                            Answer.created(
                                                    new Accrued(
                                                            applied.accrualId(),
                                                            userId.shown(),
                                                            applied.externalId(),
                                                            accrual.amount(),
                                                            expiresAt,
                                                            applied.available()),
                                                    null),
                                    Answer::refused);
                });
    }

    /**
     * Spends points once per key: the first request with a key spends (or is refused), every later
     * one with the same key and amount gets that answer again, marked duplicated.
     */
    public Answer<Spent> spend(UserRef user, long amount, IdempotencyKey key) {
        UserId userId = books.resolve(user);
        Answer<Spent> answer =
                keys.once(
                        userId.value(),
                        Optional.of(key),
                        "spend:" + amount,
                        Spent.class,
                        () ->
                                books.change(userId, -amount, EntryKind.SPEND, key.value())
                                        .fold(
                                                applied ->
                                                        Answer.ok(
                                                                new Spent(
                                                                        true,
                                                                        false,
                                                                        applied.available())),
                                                Answer::refused));
        if (answer.replayed() && answer instanceof Answer.Applied<Spent> first) {
            return Answer.ok(new Spent(true, true, first.body().balance())).asReplay();
        }
        return answer;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BooksView books(UserRef user) {
        UserId userId = books.resolve(user);
        Books.Account account = books.account(userId);
        List<BooksView.Expiring> expiring =
                books.liveLots(userId, EXPIRING_LISTED).stream()
                        .map(
                                lot ->
                                        new BooksView.Expiring(
                                                lot.remaining(), Utc.of(lot.expiresAt())))
                        .toList();
        return new BooksView(userId.shown(), account.externalId(), account.available(), expiring);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<EntryView> entries(UserRef user, int limit) {
        return books.entries(books.resolve(user), limit).stream()
                .map(
                        entry ->
                                new EntryView(
                                        entry.id(),
                                        entry.kind().name(),
                                        entry.amount(),
                                        entry.balanceAfter(),
                                        entry.idempotencyKey(),
                                        entry.accrualId(),
                                        Utc.of(entry.createdAt())))
                .toList();
    }
}

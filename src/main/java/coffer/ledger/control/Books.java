package coffer.ledger.control;

import coffer.BulkUpdates;
import coffer.ledger.entity.Accrual;
import coffer.ledger.entity.BalanceLimitExceeded;
import coffer.ledger.entity.BalanceRange;
import coffer.ledger.entity.EntryKind;
import coffer.ledger.entity.ExternalId;
import coffer.ledger.entity.ExternalIdOwner;
import coffer.ledger.entity.InsufficientFunds;
import coffer.ledger.entity.LedgerEntry;
import coffer.ledger.entity.User;
import coffer.ledger.entity.UserExists;
import coffer.ledger.entity.UserId;
import coffer.ledger.entity.UserNotFound;
import coffer.ledger.entity.UserRef;
import coffer.metrics.control.MoneyOutcomes;
import coffer.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The code that changes existing balances. Each method runs in its caller's transaction, starts by
 * updating the user's row (which takes its lock, so changes of one user never interleave), and
 * appends the ledger entry before it returns. Users opened in bulk by an import are the one other
 * writer: {@link Openings} inserts them and their opening entries with plain JDBC, in the same
 * transaction, balance and entry together.
 */
@ApplicationScoped
public class Books {

    @PersistenceContext EntityManager entityManager;

    @Inject MoneyOutcomes outcomes;

    /**
     * A new user with an opening balance and, if given, an external id, and its OPENING entry;
     * refused, nothing written, when another user has that external id.
     */
    public Outcome open(long openingBalance, Optional<ExternalId> externalId, String key) {
        long userId;
        if (externalId.isPresent()) {
            List<?> claimed =
                    entityManager
                            .createNamedQuery(ExternalIdOwner.CLAIM)
                            .setParameter(1, externalId.get().toString())
                            .getResultList();
            if (claimed.isEmpty()) {
                return new Outcome.Refused(new UserExists(externalId.get()));
            }
            userId = ((Number) claimed.get(0)).longValue();
            BulkUpdates.named(entityManager, User.OPEN_AS)
                    .setParameter(1, userId)
                    .setParameter(2, openingBalance)
                    .setParameter(3, externalId.get().toString())
                    .exactlyOne();
        } else {
            userId =
                    ((Number)
                                    entityManager
                                            .createNamedQuery(User.OPEN)
                                            .setParameter(1, openingBalance)
                                            .getSingleResult())
                            .longValue();
        }
        entityManager.persist(
                new LedgerEntry(
                        userId, EntryKind.OPENING, openingBalance, openingBalance, key, null));
        applied(EntryKind.OPENING);
        return new Outcome.Applied(
                userId,
                externalId.map(ExternalId::toString).orElse(null),
                openingBalance,
                openingBalance,
                null);
    }

    /**
     * The user's number: a number is taken as it is (the statement that uses it finds whether the
     * user exists), an external id is looked up where it is unique ({@link ExternalIdOwner}), in
     * the caller's transaction. External ids never change, so the number stays right for the
     * transaction.
     *
     * @throws UserNotFound when no user has the external id
     */
    public UserId resolve(UserRef user) {
        if (user instanceof UserId number) {
            return number;
        }
        ExternalId external = (ExternalId) user;
        List<?> ids =
                entityManager
                        .createNamedQuery(ExternalIdOwner.OWNER)
                        .setParameter(1, external.toString())
                        .getResultList();
        if (ids.isEmpty()) {
            throw new UserNotFound(external);
        }
        return new UserId(((Number) ids.get(0)).longValue(), external);
    }

    /**
     * Applies a credit (positive amount) or a debit (negative) if the available balance admits it;
     * a debit first consumes the user's live lots, soonest to expire first.
     *
     * @throws UserNotFound when there is no such user
     */
    public Outcome change(UserId userId, long amount, EntryKind kind, String key) {
        Decision decision = decide(userId, amount, BalanceRange.admitting(amount));
        UserState state = decision.state();
        if (!decision.applied()) {
            return refused(
                    kind,
                    amount < 0
                            ? new InsufficientFunds(userId, available(userId, state), -amount)
                            : new BalanceLimitExceeded(userId, state.balance(), amount));
        }
        if (amount < 0 && state.lotRemaining() > 0) {
            consumeLots(userId, -amount);
        }
        entityManager.persist(
                new LedgerEntry(userId.value(), kind, amount, state.balance(), key, null));
        applied(kind);
        return new Outcome.Applied(
                userId.value(),
                state.externalId(),
                state.balance(),
                available(userId, state),
                null);
    }

    /**
     * Applies the changes in their order, each decided exactly as {@link #change} would decide it
     * at its turn, and appends an entry for each one applied. The common case costs one conditional
     * UPDATE for all of them: when the available balance covers the deepest dip of the running sum
     * (and leaves room for its peak), every change is admitted, and each entry's balance is the
     * balance after its own turn. When it does not, each change is decided on its own. Credits
     * never add to lots, so the debits' total consumes the lots exactly as the debits one by one
     * would.
     *
     * @throws UserNotFound when there is no such user
     */
    public List<Outcome> changeInOrder(UserId userId, List<Change> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        if (changes.size() == 1) {
            Change only = changes.get(0);
            return List.of(change(userId, only.amount(), only.kind(), only.key()));
        }
        long[] amounts = changes.stream().mapToLong(Change::amount).toArray();
        long net = LongStream.of(amounts).sum();
        BalanceRange admitting = BalanceRange.admitting(amounts);
        Decision all = decide(userId, net, admitting);
        if (!all.applied()) {
            return changes.stream()
                    .map(one -> change(userId, one.amount(), one.kind(), one.key()))
                    .toList();
        }
        UserState after = all.state();
        long debits = -LongStream.of(amounts).filter(amount -> amount < 0).sum();
        if (debits > 0 && after.lotRemaining() > 0) {
            consumeLots(userId, debits);
        }
        long expired = after.balance() - available(userId, after);
        long balance = after.balance() - net;
        List<Outcome> applied = new ArrayList<>(changes.size());
        for (Change one : changes) {
            balance += one.amount();
            entityManager.persist(
                    new LedgerEntry(
                            userId.value(), one.kind(), one.amount(), balance, one.key(), null));
            applied(one.kind());
            applied.add(
                    new Outcome.Applied(
                            userId.value(), after.externalId(), balance, balance - expired, null));
        }
        return applied;
    }

    /**
     * Credits points; with an expiry they form a lot, spendable until then.
     *
     * @throws UserNotFound when there is no such user
     */
    public Outcome accrue(UserId userId, long amount, OffsetDateTime expiresAt, String key) {
        boolean applied =
                BulkUpdates.named(entityManager, User.ACCRUE)
                        .setParameter("amount", amount)
                        .setParameter("lot", expiresAt == null ? 0 : amount)
                        .setParameter("id", userId.value())
                        .setParameter("highest", BalanceRange.admitting(amount).highest())
                        .atMostOne();
        UserState state = state(userId);
        if (!applied) {
            return refused(
                    EntryKind.ACCRUAL, new BalanceLimitExceeded(userId, state.balance(), amount));
        }
        Accrual accrual = new Accrual(userId.value(), amount, expiresAt);
        entityManager.persist(accrual);
        entityManager.flush();
        entityManager.persist(
                new LedgerEntry(
                        userId.value(),
                        EntryKind.ACCRUAL,
                        amount,
                        state.balance(),
                        key,
                        accrual.id()));
        applied(EntryKind.ACCRUAL);
        return new Outcome.Applied(
                userId.value(),
                state.externalId(),
                state.balance(),
                available(userId, state),
                accrual.id());
    }

    /**
     * Writes off what remains of the user's expired lots: an EXPIRY entry per lot, keyed {@code
     * expire:<accrual id>}, for the remaining amount only (the rest was spent and is off the
     * balance already). Returns the lots and points written off; none when another write-off got
     * there first.
     */
    public WriteOff writeOff(long userId) {
        boolean locked =
                BulkUpdates.named(entityManager, User.LOCK_LOTS)
                        .setParameter("id", userId)
                        .atMostOne();
        if (!locked) {
            return WriteOff.NONE;
        }
        // Read after taking the lock: every spend and write-off before this one is visible.
        long balance = state(new UserId(userId)).balance();
        List<Accrual> expired =
                entityManager
                        .createNamedQuery(Accrual.EXPIRED_LOTS, Accrual.class)
                        .setParameter("userId", userId)
                        .getResultList();
        long total = 0;
        for (Accrual lot : expired) {
            BulkUpdates.named(entityManager, Accrual.WRITE_OFF)
                    .setParameter("userId", userId)
                    .setParameter("id", lot.id())
                    .setParameter("remaining", lot.remaining())
                    .exactlyOne();
            total += lot.remaining();
            entityManager.persist(
                    new LedgerEntry(
                            userId,
                            EntryKind.EXPIRY,
                            -lot.remaining(),
                            balance - total,
                            "expire:" + lot.id(),
                            lot.id()));
        }
        if (total > 0) {
            BulkUpdates.named(entityManager, User.WRITE_OFF)
                    .setParameter("id", userId)
                    .setParameter("amount", total)
                    .exactlyOne();
        }
        return new WriteOff(expired.size(), total);
    }

    /**
     * Locks the user's row until the transaction ends, changing nothing, so that a transaction
     * changing two balances can take their locks in one order (the lower id first) whatever order
     * it changes them in, and two such transactions never wait for each other in a cycle.
     *
     * @throws UserNotFound when there is no such user
     */
    public void lock(UserId userId) {
        if (!BulkUpdates.named(entityManager, User.LOCK)
                .setParameter("id", userId.value())
                .atMostOne()) {
            throw new UserNotFound(userId);
        }
    }

    /** The balance a user can spend now. */
    public long available(UserId userId) {
        return account(userId).available();
    }

    /** The user's external id (or null) and the balance it can spend now. */
    public Account account(UserId userId) {
        UserState state = state(userId);
        return new Account(state.externalId(), available(userId, state));
    }

    /** The user's lots that still count, soonest to expire first. */
    public List<Accrual> liveLots(UserId userId, int max) {
        return entityManager
                .createNamedQuery(Accrual.LIVE_LOTS, Accrual.class)
                .setParameter("userId", userId.value())
                .setMaxResults(max)
                .getResultList();
    }

    /** The user's entries, newest first. */
    public List<LedgerEntry> entries(UserId userId, int max) {
        state(userId);
        return entityManager
                .createNamedQuery(LedgerEntry.OF_USER, LedgerEntry.class)
                .setParameter("userId", userId.value())
                .setMaxResults(max)
                .getResultList();
    }

    /** Whether the moment is still to come, by the database clock that decides expiry. */
    public boolean inTheFuture(OffsetDateTime moment) {
        return Boolean.TRUE.equals(
                entityManager
                        .createNamedQuery(Accrual.IN_THE_FUTURE)
                        .setParameter(1, moment)
                        .getSingleResult());
    }

    /**
     * Applies {@code amount} if the available balance lies in the range, by {@link
     * User#CHANGE_BALANCE}, the one statement that decides. For a user without lots (the hot path)
     * it decides at once, and the state read after it is the transaction's own result (applied) or
     * what explains the refusal; so it does for every user when the change takes nothing below the
     * balance (a credit). For a user with lots, the row's lock comes first, then the expired points
     * under it (no other change of the user can move them meanwhile), then the statement with them
     * set aside. When lots come or go between two of these statements (another transaction
     * committed), the decision starts over: it only ever starts over after another change of the
     * user was made.
     *
     * @throws UserNotFound when there is no such user
     */
    private Decision decide(UserId userId, long amount, BalanceRange admitting) {
        if (admitting.lowest() == 0) {
            // Nothing is taken below the balance it starts from: expired points, never more than
            // the balance, cannot refuse it, however much the user holds in lots.
            boolean applied = changeBalance(userId, amount, admitting, 0, Long.MAX_VALUE);
            return new Decision(applied, state(userId));
        }
        while (true) {
            if (changeBalance(userId, amount, admitting, 0, 0)) {
                return new Decision(true, state(userId));
            }
            UserState seen = state(userId);
            if (seen.lotRemaining() == 0) {
                if (!admitting.admits(seen.balance())) {
                    return new Decision(false, seen);
                }
                continue;
            }
            if (BulkUpdates.named(entityManager, User.LOCK_LOTS)
                    .setParameter("id", userId.value())
                    .atMostOne()) {
                UserState locked = state(userId);
                boolean applied =
                        changeBalance(
                                userId,
                                amount,
                                admitting,
                                locked.balance() - available(userId, locked),
                                locked.lotRemaining());
                return new Decision(applied, applied ? state(userId) : locked);
            }
        }
    }

    /** {@link User#CHANGE_BALANCE}: whether it was applied. */
    private boolean changeBalance(
            UserId userId, long amount, BalanceRange admitting, long expired, long weighedLots) {
        return BulkUpdates.named(entityManager, User.CHANGE_BALANCE)
                .setParameter("amount", amount)
                .setParameter("id", userId.value())
                .setParameter("lowest", admitting.lowest())
                .setParameter("highest", admitting.highest())
                .setParameter("expired", expired)
                .setParameter("weighedLots", weighedLots)
                .atMostOne();
    }

    private void applied(EntryKind kind) {
        outcomes.decided(kind.name().toLowerCase(Locale.ROOT), "applied");
    }

    private Outcome refused(EntryKind kind, ProblemException reason) {
        outcomes.decided(kind.name().toLowerCase(Locale.ROOT), reason.type());
        return new Outcome.Refused(reason);
    }

    private void consumeLots(UserId userId, long debit) {
        long left = debit;
        long consumed = 0;
        for (Accrual lot : liveLots(userId, Integer.MAX_VALUE)) {
            if (left == 0) {
                break;
            }
            long share = Math.min(left, lot.remaining());
            BulkUpdates.named(entityManager, Accrual.CONSUME)
                    .setParameter("userId", userId.value())
                    .setParameter("id", lot.id())
                    .setParameter("amount", share)
                    .exactlyOne();
            left -= share;
            consumed += share;
        }
        if (consumed > 0) {
            BulkUpdates.named(entityManager, User.RELEASE_LOTS)
                    .setParameter("id", userId.value())
                    .setParameter("amount", consumed)
                    .exactlyOne();
        }
    }

    private long available(UserId userId, UserState state) {
        if (state.lotRemaining() == 0) {
            return state.balance();
        }
        Number expired =
                (Number)
                        entityManager
                                .createNamedQuery(Accrual.EXPIRED_REMAINING)
                                .setParameter(1, userId.value())
                                .getSingleResult();
        return state.balance() - expired.longValue();
    }

    private UserState state(UserId userId) {
        return entityManager
                .createNamedQuery(User.STATE, Object[].class)
                .setParameter("id", userId.value())
                .getResultStream()
                .findFirst()
                .map(
                        row ->
                                new UserState(
                                        ((Number) row[0]).longValue(),
                                        ((Number) row[1]).longValue(),
                                        (String) row[2]))
                .orElseThrow(() -> new UserNotFound(userId));
    }

    /** A change asked for: its amount, the kind of entry it makes, and its key, if any. */
    public record Change(long amount, EntryKind kind, String key) {}

    /**
     * What a user's answers show besides its id: its external id (or null) and what it can spend.
     */
    public record Account(String externalId, long available) {}

    private record UserState(long balance, long lotRemaining, String externalId) {}

    /** Whether a change was applied, and the user's state that goes with it. */
    private record Decision(boolean applied, UserState state) {}

    /** What a write-off took off a user's books. */
    public record WriteOff(int lots, long amount) {
        static final WriteOff NONE = new WriteOff(0, 0);
    }
}

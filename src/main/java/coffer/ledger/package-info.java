/**
 * The books: the account rows (users and their balances), an append-only ledger of every balance
 * change, accruals whose points expire, and their write-off.
 *
 * <p>Rules: {@link coffer.ledger.control.Books} is the only code that changes a balance; it appends
 * the entry in the same transaction, so a user's balance always equals the sum of the user's
 * entries. A balance changes only through one conditional bulk UPDATE of the user's row ({@link
 * coffer.ledger.entity.User#CHANGE_BALANCE} and its siblings) whose row count decides the outcome;
 * nothing reads a balance to decide whether to write it, nothing takes explicit locks, nothing
 * retries. PostgreSQL's row lock and its re-check of the WHERE clause on the newest row version
 * (READ COMMITTED) serialise concurrent changes of one user; the {@code CHECK (balance >= 0)}
 * constraint backs the rule up. Every change of a user's balance or lots starts with that UPDATE,
 * which serialises them. An expiring accrual is a lot; spends and debits consume live lots
 * soonest-to-expire first, then the rest of the balance, which keeps the lots' remaining amounts
 * covered by the balance; points of a lot past its expiry are not available from that instant, and
 * the expire job ({@link coffer.ledger.control.ExpireAccruals}, the ledger's housekeeping, run by
 * the job machinery of {@link coffer.jobs}) writes off what remained of it, never more.
 *
 * <p>The refusals ({@code InsufficientFunds}, {@code BalanceLimitExceeded}, {@code UserNotFound})
 * are the ledger's too: components that face HTTP turn them into answers.
 *
 * <p>Migrations are never edited once landed (Flyway checksums them), so the comments of {@code
 * V1__create_users.sql} and {@code V3__create_ledger.sql} still name {@code
 * coffer.balance.entity.User}: that class is now {@link coffer.ledger.entity.User}.
 */
package coffer.ledger;

/**
 * The books: the account rows (users and their balances), an append-only ledger of every balance
 * change, accruals whose points expire, and their write-off.
 *
 * <p>Rules: {@link coffer.ledger.control.Books} changes balances, and {@link
 * coffer.ledger.control.Openings} opens users in bulk for an import (plain JDBC, balance and
 * opening entry together); each appends the entry in the same transaction as the balance, so a
 * user's balance always equals the sum of the user's entries. A balance changes only through one
 * conditional bulk UPDATE of the user's row ({@link coffer.ledger.entity.User#CHANGE_BALANCE} and
 * its siblings) whose row count decides the outcome; nothing reads a balance to decide whether to
 * write it. PostgreSQL's row lock and its re-check of the WHERE clause on the newest row version
 * (READ COMMITTED) serialise concurrent changes of one user; the {@code CHECK (balance >= 0)}
 * constraint backs the rule up. Two statements take a row's lock without changing it, on purpose:
 * {@link coffer.ledger.control.Books#lock}, which a transfer takes on both users' rows, lower id
 * first, so that two transfers never wait for each other in a cycle, and the write-off's {@link
 * coffer.ledger.entity.User#LOCK_LOTS}. Retries happen around the ledger, never inside it: {@code
 * AccountQueues} applies the changes of a batch refused as a whole one by one, the job machinery
 * runs a failed expire attempt again, and {@code LeaseTerm} resends a lease statement while the
 * database restarts. Every change of a user's balance or lots starts with that UPDATE, which
 * serialises them. An expiring accrual is a lot; spends and debits consume live lots
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

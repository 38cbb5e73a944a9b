/**
 * User balances under any concurrency.
 *
 * <p>Rules: a balance changes only through {@link coffer.ledger.entity.User#CHANGE_BALANCE}, one
 * conditional bulk UPDATE whose row count decides the outcome; nothing reads a balance to decide
 * whether to write it, nothing takes explicit locks, nothing retries. PostgreSQL's row lock and
 * its re-check of the WHERE clause on the newest row version (READ COMMITTED) serialise
 * concurrent changes of one user; the {@code CHECK (balance >= 0)} constraint backs the rule up.
 */
package coffer.balance;

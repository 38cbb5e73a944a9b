/**
 * The merch shop: employees log in with a username and password, get a JWT, send each other coins
 * and buy merch with them, on the exact wire contract of the shop Coffer replaces ({@code
 * /api/auth}, {@code /api/info}, {@code /api/sendCoin}, {@code /api/buy/{item}}).
 *
 * <p>Rules: an employee is a user of the ledger with a unique username; their coins are that user's
 * balance, changed only through {@link coffer.ledger.control.Books}, so every movement is a ledger
 * entry (OPENING 1000 at the first login, TRANSFER_OUT and TRANSFER_IN for a transfer, PURCHASE for
 * a purchase) and never makes a balance negative. A transfer takes the two users' row locks lower
 * id first, whatever the direction, so opposite transfers never wait for each other in a cycle; its
 * debit is the conditional update, and a refused debit comes before any write. Retries with an
 * {@code Idempotency-Key} are answered through {@link coffer.idempotency.control.IdempotencyKeys}.
 * This component depends on the ledger and on idempotency, never the reverse; it owns the tables
 * {@code employees}, {@code inventory} and {@code transfer_totals} (the grouped history, kept in
 * each transfer's transaction).
 */
package coffer.merch;

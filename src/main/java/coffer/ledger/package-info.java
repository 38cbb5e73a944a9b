/**
 * The books: an append-only ledger of every balance change, accruals whose points expire, and
 * their write-off.
 *
 * <p>Rules: {@link coffer.ledger.control.Books} is the only code that changes a balance; it
 * appends the entry in the same transaction, so a user's balance always equals the sum of the
 * user's entries. Every change of a user's balance or lots starts with an UPDATE of the user's
 * row, which serialises them. An expiring accrual is a lot; spends and debits consume live lots
 * soonest-to-expire first, then the rest of the balance, which keeps the lots' remaining amounts
 * covered by the balance; points of a lot past its expiry are not available from that instant,
 * and the expire job writes off what remained of it, never more.
 */
package coffer.ledger;

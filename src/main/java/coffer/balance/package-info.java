/**
 * The HTTP face of the money: the balance, user, accrual, spend and expiry-job routes, their
 * request bodies and the transaction boundary of the plain balance API ({@code Balances}).
 *
 * <p>Rules: this component decides nothing about money. The books, the account rows, their rules
 * and their refusals are the ledger's ({@link coffer.ledger}); balance depends on it, never the
 * reverse ({@code ArchitectureTest} keeps the components free of cycles).
 */
package coffer.balance;

/**
 * The balance API: opening users, reading a balance, and crediting or debiting it ({@code POST
 * /balance/update}, {@code PUT /user-balance/{id}}, {@code POST /users/updateBalance}).
 *
 * <p>Layers: {@code boundary} holds the routes, their request bodies, the answer body ({@code
 * UserBalance}) and the transaction boundary ({@code Balances}, a {@code @Stateless} facade);
 * {@code control} holds the batching engine ({@code AccountQueues}, {@code TransactionSizes}),
 * which runs the facade's transactions through the {@code BatchTransactions} interface it declares,
 * so that it depends on no boundary.
 *
 * <p>Glossary, the same in every component: a <em>change</em> is what a client asks ({@code
 * BalanceChange}: an amount and maybe an idempotency key); an <em>outcome</em> is what became of it
 * in the books ({@code coffer.ledger.control.Outcome}: applied or refused); an <em>answer</em> is
 * what the client is sent ({@code coffer.idempotency.control.Answer}: applied, refused, maybe
 * replayed), a value until the resource writes it after the commit; the <em>ledger</em> is the
 * table of entries, and the <em>books</em> are the account rows with their ledger.
 *
 * <p>Rules: this component decides nothing about money. The books, the account rows, their rules
 * and their refusals are the ledger's ({@link coffer.ledger}); balance depends on it, never the
 * reverse ({@code ArchitectureTest} keeps the components free of cycles).
 */
package coffer.balance;

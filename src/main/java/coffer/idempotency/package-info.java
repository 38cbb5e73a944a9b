/**
 * Idempotency keys: a request sent again with the same key gets the answer the first one got, and
 * changes nothing. Keys are scoped per user and kept for {@code idempotency.retention} (24 hours by
 * default), then purged by a cluster task.
 *
 * <p>Rules: the key is claimed, the change made and the answer recorded in one transaction, so
 * either all of it happens or none. A second request with a key whose first is still in flight
 * waits for it (PostgreSQL makes the second INSERT of a primary key wait for the first transaction)
 * and then replays its answer; the same key with a different payload is a 409.
 *
 * <p>Refusals follow one rule. A refusal decided before the operation wrote anything (a debit the
 * balance does not cover, a credit past the largest balance) is a value: it is answered, and
 * committed under the key like any answer, so a retry gets the same refusal. A refusal after a
 * write (the second leg of a change that moved money already) is thrown, so the transaction rolls
 * back, the key with it, and nothing of the operation remains. Invalid input and an unknown user
 * are thrown too, and so never kept: they change nothing to replay.
 *
 * <p>Answers are values ({@link coffer.idempotency.control.Answer}) from the facades to the
 * resources, which write them with {@code Answers} after the commit. Only an answer kept under a
 * key is written as text inside the transaction ({@code StoredAnswers}), in the form the client
 * got, so that it commits with its change; a replay reads it back into the same value.
 */
package coffer.idempotency;

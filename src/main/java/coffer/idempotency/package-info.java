/**
 * Idempotency keys: a request sent again with the same key gets the answer the first one got,
 * and changes nothing. Keys are scoped per user and kept for {@code idempotency.retention}
 * (24 hours by default), then purged by a cluster task.
 *
 * <p>Rules: the key is claimed, the change made and the answer recorded in one transaction, so
 * either all of it happens or none. A second request with a key whose first is still in flight
 * waits for it (PostgreSQL makes the second INSERT of a primary key wait for the first
 * transaction) and then replays its answer; the same key with a different payload is a 409.
 */
package coffer.idempotency;

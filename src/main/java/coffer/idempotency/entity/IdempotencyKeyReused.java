package coffer.idempotency.entity;

import coffer.problems.entity.ProblemException;

/** A key sent again with a different request: the first one's answer cannot be replayed. */
public class IdempotencyKeyReused extends ProblemException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReused(IdempotencyKey key) {
        super(
                409,
                "idempotency-key-reused",
                "Idempotency key reused",
                "The idempotency key '"
                        + key.value()
                        + "' was used for a different request. Send the same request to"
                        + " get its answer again, or use a new key for a new request.");
    }
}

package coffer.idempotency.entity;

import coffer.problems.entity.InvalidRequest;
import java.util.Optional;

/** A client's key for one operation: 1 to 200 visible ASCII characters. */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 200;

    public IdempotencyKey {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequest(
                    "An idempotency key must be 1 to "
                            + MAX_LENGTH
                            + " visible ASCII characters (no spaces).");
        }
    }

    /** The key's text, or null without one: what the ledger records. */
    public static String textOf(Optional<IdempotencyKey> key) {
        return key.map(IdempotencyKey::value).orElse(null);
    }

    /** The key of a request: the {@code Idempotency-Key} header, else the body's requestId. */
    public static Optional<IdempotencyKey> of(String header, Optional<String> requestId) {
        if (header != null) {
            return Optional.of(new IdempotencyKey(header));
        }
        return requestId.map(IdempotencyKey::new);
    }
}

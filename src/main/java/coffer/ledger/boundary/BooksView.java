package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /users/{userId}/balance}: the available balance and what expires next; the user as the
 * request named it, and its external id (or null).
 */
@JsonbNillable
@JsonbPropertyOrder({"userId", "externalId", "balance", "expiring"})
public record BooksView(Object userId, String externalId, long balance, List<Expiring> expiring) {

    /** Points that stop counting at a moment unless spent before. */
    @JsonbPropertyOrder({"amount", "expiresAt"})
    public record Expiring(long amount, OffsetDateTime expiresAt) {}
}

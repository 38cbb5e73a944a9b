package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code GET /users/{userId}/balance}: the available balance and what expires next. */
@JsonbPropertyOrder({"userId", "balance", "expiring"})
public record BooksView(long userId, long balance, List<Expiring> expiring) {

    /** Points that stop counting at a moment unless spent before. */
    @JsonbPropertyOrder({"amount", "expiresAt"})
    public record Expiring(long amount, OffsetDateTime expiresAt) {}
}

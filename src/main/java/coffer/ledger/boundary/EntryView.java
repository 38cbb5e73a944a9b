package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/** A ledger entry as {@code GET /users/{userId}/ledger} shows it. */
@JsonbNillable
@JsonbPropertyOrder({
    "entryId",
    "kind",
    "amount",
    "balanceAfter",
    "idempotencyKey",
    "accrualId",
    "createdAt"
})
public record EntryView(
        long entryId,
        String kind,
        long amount,
        long balanceAfter,
        String idempotencyKey,
        Long accrualId,
        OffsetDateTime createdAt) {}

package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/** The answer to an accrual: its id, and the user's available balance after it. */
@JsonbNillable
@JsonbPropertyOrder({"accrualId", "userId", "amount", "expiresAt", "balance"})
public record Accrued(
        long accrualId, long userId, long amount, OffsetDateTime expiresAt, long balance) {}

package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/**
 * The answer to an accrual: its id, and the user's available balance after it; the user as the
 * request named it, and its external id (or null).
 */
@JsonbNillable
@JsonbPropertyOrder({"accrualId", "userId", "externalId", "amount", "expiresAt", "balance"})
public record Accrued(
        long accrualId,
        Object userId,
        String externalId,
        long amount,
        OffsetDateTime expiresAt,
        long balance) {}

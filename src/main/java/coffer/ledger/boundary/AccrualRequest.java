package coffer.ledger.boundary;

import coffer.ledger.entity.AmountLimit;
import coffer.requests.boundary.JsonFields;
import coffer.requests.boundary.LongRule;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The body of {@code POST /users/{userId}/accruals}. */
public record AccrualRequest(
        long amount, Optional<OffsetDateTime> expiresAt, Optional<String> requestId) {

    static final LongRule AMOUNT =
            LongRule.between(1, AmountLimit.MAX, "a whole number from 1 to " + AmountLimit.MAX);

    public static AccrualRequest from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        long amount = fields.requiredLong("amount", AMOUNT);
        Optional<OffsetDateTime> expiresAt =
                fields.optionalString(
                        "expiresAt",
                        AccrualRequest::instant,
                        "an ISO-8601 date-time with offset, such as" + " 2027-01-31T00:00:00Z");
        Optional<String> requestId = fields.optionalString("requestId", Optional::of, "a string");
        fields.validate();
        return new AccrualRequest(amount, expiresAt, requestId);
    }

    String fingerprint() {
        return "accrual:" + amount + ":" + expiresAt.map(OffsetDateTime::toInstant).orElse(null);
    }

    private static Optional<OffsetDateTime> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}

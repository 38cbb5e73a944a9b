package coffer.ledger.boundary;

import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.util.Optional;

/** The body of {@code POST /users/{userId}/spend}. */
public record SpendRequest(long amount, Optional<String> requestId) {

    public static SpendRequest from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        long amount = fields.requiredLong("amount", AccrualRequest.AMOUNT);
        Optional<String> requestId = fields.optionalString("requestId", Optional::of, "a string");
        fields.validate();
        return new SpendRequest(amount, requestId);
    }
}

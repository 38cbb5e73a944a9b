package coffer.balance.boundary;

import coffer.ledger.boundary.Amounts;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;

/** The body of {@code PUT /user-balance/{userId}}: by how much. */
public record BalanceDelta(long delta) {

    static BalanceDelta from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        long delta = fields.requiredLong("delta", Amounts.AMOUNT);
        fields.validate();
        return new BalanceDelta(delta);
    }
}

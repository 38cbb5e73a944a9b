package coffer.balance.boundary;

import coffer.ledger.entity.UserId;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;

/** The body of {@code POST /balance/update}: whose balance and by how much. */
public record BalanceUpdate(long userId, long amount) {

    static BalanceUpdate from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        long userId = fields.requiredLong("userId", Amounts.USER_ID);
        long amount = fields.requiredLong("amount", Amounts.AMOUNT);
        fields.validate();
        return new BalanceUpdate(userId, amount);
    }

    UserId user() {
        return new UserId(userId);
    }
}

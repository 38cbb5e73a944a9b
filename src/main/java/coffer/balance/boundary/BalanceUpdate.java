package coffer.balance.boundary;

import coffer.ledger.boundary.Amounts;
import coffer.ledger.entity.ExternalId;
import coffer.ledger.entity.UserId;
import coffer.ledger.entity.UserRef;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;

/**
 * The body of {@code POST /balance/update}: whose balance (a number, or a UUID string) and by how
 * much.
 */
public record BalanceUpdate(UserRef user, long amount) {

    static BalanceUpdate from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        UserRef user =
                fields.requiredNumberOrString(
                        "userId", Amounts.USER_ID, UserId::new, ExternalId::parse);
        long amount = fields.requiredLong("amount", Amounts.AMOUNT);
        fields.validate();
        return new BalanceUpdate(user, amount);
    }
}

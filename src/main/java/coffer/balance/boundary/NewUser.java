package coffer.balance.boundary;

import coffer.ledger.boundary.Amounts;
import coffer.ledger.entity.ExternalId;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The body of {@code POST /users}; an empty body or object opens a user with 10000 and no external
 * id. {@code id} is the external id, the name the bonus service's clients give it.
 */
public record NewUser(Optional<ExternalId> externalId, long balance) {

    static NewUser from(JsonObject body) {
        JsonFields fields = JsonFields.ofOptional(body);
        Optional<ExternalId> externalId =
                fields.optionalString(
                        "id", ExternalId::parse, "a UUID string (8-4-4-4-12 hex digits)");
        long balance =
                fields.optionalLong(
                        "balance", Amounts.DEFAULT_OPENING_BALANCE, Amounts.OPENING_BALANCE);
        fields.validate();
        return new NewUser(externalId, balance);
    }
}

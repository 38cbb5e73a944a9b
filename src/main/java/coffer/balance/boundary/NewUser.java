package coffer.balance.boundary;

import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;

/** The body of {@code POST /users}; an empty body or object opens a user with 10000. */
public record NewUser(long balance) {

    static NewUser from(JsonObject body) {
        JsonFields fields = JsonFields.ofOptional(body);
        long balance =
                fields.optionalLong(
                        "balance", Amounts.DEFAULT_OPENING_BALANCE, Amounts.OPENING_BALANCE);
        fields.validate();
        return new NewUser(balance);
    }
}

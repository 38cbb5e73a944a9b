package coffer.merch.boundary;

import coffer.merch.entity.CredentialRules;
import coffer.requests.boundary.JsonFields;
import coffer.requests.boundary.LongRule;
import jakarta.json.JsonObject;

/** The body of {@code POST /api/sendCoin}: to whom, and how many coins. */
public record CoinTransfer(String toUser, long amount) {

    static final LongRule AMOUNT =
            LongRule.between(
                    1, 1_000_000_000_000L, "a positive whole number of coins (at most 10^12)");

    static CoinTransfer from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        String toUser =
                Credentials.required(
                        fields,
                        body,
                        "toUser",
                        CredentialRules::username,
                        "the username of another employee, " + CredentialRules.USERNAME);
        long amount = fields.requiredLong("amount", AMOUNT);
        fields.validate();
        return new CoinTransfer(toUser, amount);
    }

    /** What the transfer asks for, to tell a retry from another request under the same key. */
    String fingerprint() {
        return "sendCoin:" + amount + ":" + toUser;
    }
}

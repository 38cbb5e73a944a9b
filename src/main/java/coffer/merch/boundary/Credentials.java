package coffer.merch.boundary;

import coffer.merch.entity.CredentialRules;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.function.Function;

/**
 * The body of {@code POST /api/auth}, its username in NFC ({@link CredentialRules}). Its toString
 * leaves the password out.
 */
public record Credentials(String username, String password) {

    /**
     * @param passwordMinimum the fewest characters a password may have
     */
    static Credentials from(JsonObject body, int passwordMinimum) {
        JsonFields fields = JsonFields.of(body);
        String username =
                required(
                        fields,
                        body,
                        "username",
                        CredentialRules::username,
                        CredentialRules.USERNAME);
        String password =
                required(
                        fields,
                        body,
                        "password",
                        text ->
                                Optional.of(text)
                                        .filter(
                                                candidate ->
                                                        CredentialRules.isPassword(
                                                                candidate, passwordMinimum)),
                        CredentialRules.password(passwordMinimum));
        fields.validate();
        return new Credentials(username, password);
    }

    static String required(
            JsonFields fields,
            JsonObject body,
            String name,
            Function<String, Optional<String>> rule,
            String requirement) {
        if (!body.containsKey(name)) {
            fields.reject(name, "is required");
        }
        return fields.optionalString(name, rule, requirement).orElse("");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}

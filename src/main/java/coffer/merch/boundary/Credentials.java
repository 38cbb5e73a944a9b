package coffer.merch.boundary;

import coffer.merch.entity.CredentialRules;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.function.Predicate;

/** The body of {@code POST /api/auth}. Its toString leaves the password out. */
public record Credentials(String username, String password) {

    static Credentials from(JsonObject body) {
        JsonFields fields = JsonFields.of(body);
        String username =
                required(
                        fields,
                        body,
                        "username",
                        CredentialRules::isUsername,
                        CredentialRules.USERNAME);
        String password =
                required(
                        fields,
                        body,
                        "password",
                        CredentialRules::isPassword,
                        CredentialRules.PASSWORD);
        fields.validate();
        return new Credentials(username, password);
    }

    static String required(
            JsonFields fields,
            JsonObject body,
            String name,
            Predicate<String> rule,
            String requirement) {
        if (!body.containsKey(name)) {
            fields.reject(name, "is required");
        }
        return fields.optionalString(name, text -> Optional.of(text).filter(rule), requirement)
                .orElse("");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}

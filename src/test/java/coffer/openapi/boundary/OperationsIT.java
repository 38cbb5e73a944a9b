package coffer.openapi.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.RunningCoffer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What operators and API users get besides the API itself: health, OpenAPI, Swagger UI. */
class OperationsIT extends RunningCoffer {

    @Test
    void readyReportsTheDatabaseAndTheScheduler() {
        Reply reply = api.get("/health/ready");

        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonObject> checks =
                reply.json().getJsonArray("checks").stream()
                        .map(JsonValue::asJsonObject)
                        .collect(
                                Collectors.toMap(check -> check.getString("name"), check -> check));
        assertThat(checks.get("database").getString("status")).isEqualTo("UP");
        assertThat(checks.get("database").getJsonObject("data").getString("schema"))
                .isEqualTo("migrated");
        assertThat(checks.get("scheduler").getJsonObject("data").getString("state"))
                .isEqualTo("DISABLED");
        assertThat(api.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void openApiDocumentsEveryRouteAndItsErrors() {
        Reply reply = api.send(api.request("/openapi").header("Accept", "application/json"));

        assertThat(reply.status()).isEqualTo(200);
        JsonObject paths = reply.json().getJsonObject("paths");
        assertThat(paths.keySet())
                .contains(
                        "/users",
                        "/users/{userId}",
                        "/balance/{userId}",
                        "/balance/update",
                        "/user-balance/{userId}",
                        "/tasks",
                        "/tasks/{name}/history",
                        "/instances",
                        "/users/{userId}/balance",
                        "/users/{userId}/ledger",
                        "/users/{userId}/accruals",
                        "/users/{userId}/spend",
                        "/users/updateBalance",
                        "/users/import",
                        "/jobs/expire-accruals");
        assertThat(
                        paths.getJsonObject("/users/import")
                                .getJsonObject("post")
                                .getJsonObject("responses")
                                .keySet())
                .contains("200", "400", "409", "413", "415");
        JsonObject update = paths.getJsonObject("/balance/update").getJsonObject("post");
        assertThat(update.getJsonObject("responses").keySet())
                .contains("200", "400", "404", "415", "503");
        JsonObject refused =
                reply.json()
                        .getJsonObject("components")
                        .getJsonObject("responses")
                        .getJsonObject("RefusedChange")
                        .getJsonObject("content")
                        .getJsonObject("application/problem+json");
        assertThat(refused.getJsonObject("examples").keySet()).contains("insufficient-funds");
    }

    @Test
    void swaggerUiRendersTheDocument() {
        Reply page = api.get("/swagger-ui/");
        Reply initializer = api.get("/swagger-ui/swagger-initializer.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        assertThat(initializer.body()).contains("url: \"/openapi\"");
        assertThat(api.get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui/../WEB-INF/web.xml").status()).isEqualTo(404);
        assertThat(api.get("/").status()).isEqualTo(303);
    }
}

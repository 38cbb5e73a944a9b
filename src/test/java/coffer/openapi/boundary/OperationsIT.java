package coffer.openapi.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.RunningCoffer;
import coffer.testing.Scrape;
import coffer.testing.Scrape.Sample;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What operators and API users get besides the API itself: health, metrics, OpenAPI, Swagger UI.
 */
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
    void prometheusCountsRequestsByRouteAndMoneyByOutcome() {
        long user = api.openUser(10);
        Scrape before = scrape();

        assertThat(api.post("/balance/update", debit(user, 4)).status()).isEqualTo(200);
        assertThat(api.post("/balance/update", debit(user, 100)).status()).isEqualTo(400);
        assertThat(api.post("/balance/update", debit(user, 1), "metrics-1").status())
                .isEqualTo(200);
        assertThat(api.post("/balance/update", debit(user, 1), "metrics-1").replayed()).isTrue();
        assertThat(api.get("/balance/" + (user + 1_000_000)).status()).isEqualTo(404);
        Scrape after = scrape();

        assertThat(increase(before, after, "coffer_http_requests_seconds_count", update("200")))
                .isEqualTo(3);
        assertThat(increase(before, after, "coffer_http_requests_seconds_count", update("400")))
                .isEqualTo(1);
        assertThat(
                        increase(
                                before,
                                after,
                                "coffer_http_requests_seconds_count",
                                "route",
                                "/balance/{userId}",
                                "status",
                                "404"))
                .isEqualTo(1);
        assertThat(money(before, after, "applied")).isEqualTo(2);
        assertThat(money(before, after, "insufficient-funds")).isEqualTo(1);
        assertThat(increase(before, after, "coffer_idempotent_replays_total")).isEqualTo(1);
        assertThat(increase(before, after, "coffer_http_problems_total", "type", "user-not-found"))
                .isEqualTo(1);
        // Each change went through a balance lane alone, the replay too.
        assertThat(increase(before, after, "coffer_balance_batch_size_count")).isEqualTo(4);
        assertThat(after.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(after.value("coffer_http_requests_in_flight")).isEqualTo(1);
        assertBucketsCumulative(
                after.matching("coffer_http_requests_seconds_bucket", update("200")));
    }

    private Scrape scrape() {
        Reply reply = api.get("/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain").contains("version=0.0.4");
        return new Scrape(reply.body());
    }

    private static String debit(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": -" + amount + "}";
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** The labels of POST /balance/update answered with the status. */
    private static String[] update(String status) {
        return new String[] {"route", "/balance/update", "method", "POST", "status", status};
    }

    private static double money(Scrape before, Scrape after, String outcome) {
        return increase(
                before, after, "coffer_money_changes_total", "kind", "debit", "outcome", outcome);
    }

    /** Each bucket counts every request at most its bound: the counts rise with the bound. */
    private static void assertBucketsCumulative(List<Sample> buckets) {
        List<Sample> byBound =
                buckets.stream()
                        .sorted(Comparator.comparingDouble(bucket -> bound(bucket)))
                        .toList();
        assertThat(byBound).hasSize(12);
        assertThat(byBound.get(0).labels().get("le")).isEqualTo("0.001");
        assertThat(byBound.get(11).labels().get("le")).isEqualTo("+Inf");
        for (int i = 1; i < byBound.size(); i++) {
            assertThat(byBound.get(i).value()).isGreaterThanOrEqualTo(byBound.get(i - 1).value());
        }
    }

    private static double bound(Sample bucket) {
        String le = bucket.labels().get("le");
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
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

package coffer.balance.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.TestDatabaseSession;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The balance API as a client sees it: routes, answers, and every kind of bad input. */
class BalanceApiIT extends RunningCoffer {

    private static final long OPENING = 10_000;

    private long user;
    private final Database database = TestDatabaseSession.database();

    @AfterEach
    void booksAddUp() {
        BooksInvariant.assertHolds(database);
    }

    @BeforeEach
    void openUser() {
        user = api.openUser(OPENING);
    }

    @Test
    void freshInstallHoldsUserOneWithTenThousand() {
        Reply reply = api.get("/balance/1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"userId\":1,\"balance\":10000}");
    }

    @Test
    void openingAUserAnswersCreatedWithItsLocation() {
        Reply reply = api.post("/users", "{\"balance\": 250}");

        assertThat(reply.status()).isEqualTo(201);
        long id = reply.json().getJsonNumber("userId").longValue();
        assertThat(reply.json().getJsonNumber("balance").longValue()).isEqualTo(250);
        assertThat(reply.location()).endsWith("/users/" + id);
        assertThat(api.get("/users/" + id).json()).isEqualTo(reply.json());
        assertThat(database.queryLong("SELECT balance FROM users WHERE id = ?", id)).isEqualTo(250);
    }

    @Test
    void openingBalanceDefaultsToTenThousand() {
        assertThat(api.post("/users", "{}").json().getJsonNumber("balance").longValue())
                .isEqualTo(10_000);
        Reply noBody = api.send(api.request("/users").POST(BodyPublishers.noBody()));
        assertThat(noBody.status()).isEqualTo(201);
        assertThat(noBody.json().getJsonNumber("balance").longValue()).isEqualTo(10_000);
    }

    @Test
    void updateDebitsAndCredits() {
        Reply debit = api.post("/balance/update", change(user, -2));
        Reply credit = api.post("/balance/update", change(user, 5));

        assertThat(debit.status()).isEqualTo(200);
        assertThat(debit.json().getJsonNumber("balance").longValue()).isEqualTo(OPENING - 2);
        assertThat(credit.json().getJsonNumber("balance").longValue()).isEqualTo(OPENING + 3);
        assertThat(api.balanceOf(user)).isEqualTo(OPENING + 3);
    }

    @Test
    void olderClientsRouteDoesTheSame() {
        Reply reply = api.put("/user-balance/" + user, "{\"delta\": -2}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString())
                .isEqualTo("{\"userId\":" + user + ",\"balance\":" + (OPENING - 2) + "}");
    }

    @Test
    void highLoadBalanceAppsRouteDoesTheSame() {
        Reply debit = api.post("/users/updateBalance", change(user, -2));
        Reply refused = api.post("/users/updateBalance", change(user, -OPENING));

        assertThat(debit.status()).isEqualTo(200);
        assertThat(debit.json().toString())
                .isEqualTo("{\"userId\":" + user + ",\"balance\":" + (OPENING - 2) + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo("insufficient-funds");
        assertThat(refused.json().getString("instance")).isEqualTo("/users/updateBalance");
        assertThat(api.balanceOf(user)).isEqualTo(OPENING - 2);
    }

    @Test
    void debitOfTheWholeBalanceLeavesZeroAndTheNextIsRefused() {
        assertThat(api.post("/balance/update", change(user, -OPENING)).status()).isEqualTo(200);

        Reply refused = api.post("/balance/update", change(user, -1));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problemType()).isEqualTo("insufficient-funds");
        assertThat(refused.json().getJsonNumber("balance").longValue()).isZero();
        assertThat(api.balanceOf(user)).isZero();
    }

    @Test
    void creditPastTheLargestBalanceIsRefused() {
        long rich = api.openUser(1_000_000_000_000L);
        long nearTheTop = Long.MAX_VALUE - 5;
        database.queryLong(
                "UPDATE users SET balance = ? WHERE id = ? RETURNING 1", nearTheTop, rich);
        database.queryLong(
                "INSERT INTO ledger_entries (user_id, kind, amount, balance_after)"
                        + " VALUES (?, 'CREDIT', ?, ?) RETURNING 1",
                rich,
                nearTheTop - 1_000_000_000_000L,
                nearTheTop);

        Reply refused = api.post("/balance/update", change(rich, 10));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo("balance-limit-exceeded");
        assertThat(api.balanceOf(rich)).isEqualTo(Long.MAX_VALUE - 5);
    }

    @Test
    void unknownUserIsNotFound() {
        Reply update = api.post("/balance/update", change(987_654_321, 5));
        Reply read = api.get("/balance/987654321");
        Reply legacy = api.put("/user-balance/987654321", "{\"delta\": 5}");
        Reply highLoadApp = api.post("/users/updateBalance", change(987_654_321, 5));

        for (Reply reply : new Reply[] {update, read, legacy, highLoadApp}) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.problemType()).isEqualTo("user-not-found");
        }
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                Arguments.of("empty body", ""),
                Arguments.of("malformed JSON", "{\"userId\": 1, \"amount\": "),
                Arguments.of("not an object", "[1, 2]"),
                Arguments.of("missing amount", "{\"userId\": %d}"),
                Arguments.of("missing user", "{\"amount\": -2}"),
                Arguments.of("null amount", "{\"userId\": %d, \"amount\": null}"),
                Arguments.of("string amount", "{\"userId\": %d, \"amount\": \"-2\"}"),
                Arguments.of("fractional amount", "{\"userId\": %d, \"amount\": -2.5}"),
                Arguments.of("boolean amount", "{\"userId\": %d, \"amount\": true}"),
                Arguments.of("zero amount", "{\"userId\": %d, \"amount\": 0}"),
                Arguments.of("amount too large", "{\"userId\": %d, \"amount\": 1000000000001}"),
                Arguments.of("debit too large", "{\"userId\": %d, \"amount\": -1000000000001}"),
                Arguments.of("amount beyond long", "{\"userId\": %d, \"amount\": 1e30}"),
                Arguments.of("string user id", "{\"userId\": \"%d\", \"amount\": -2}"),
                Arguments.of("negative user id", "{\"userId\": -3, \"amount\": -2}"),
                Arguments.of("fractional user id", "{\"userId\": 1.5, \"amount\": -2}"),
                Arguments.of("amount in exponent form", "{\"userId\": %d, \"amount\": -2E0}"),
                Arguments.of("amount twice", "{\"userId\": %d, \"amount\": -2, \"amount\": 5}"),
                Arguments.of("unknown member", "{\"userId\": %d, \"amount\": -2, \"id\": 3}"),
                Arguments.of("content after the object", "{\"userId\": %d, \"amount\": -2},"),
                Arguments.of("16,000 brackets", "[".repeat(16_000)),
                Arguments.of(
                        "a member nested 8,000 deep",
                        "{\"userId\": %d, \"amount\": -2,"
                                + " \"x\": "
                                + "[".repeat(8_000)
                                + "]".repeat(8_000)
                                + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUpdates")
    void invalidUpdateIsRefusedAndChangesNothing(String description, String template) {
        for (String route : new String[] {"/balance/update", "/users/updateBalance"}) {
            Reply reply = api.post(route, template.formatted(user));

            assertInvalid(reply, 400, "invalid-request");
        }
        assertThat(api.balanceOf(user)).isEqualTo(OPENING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDeltas")
    void invalidLegacyUpdateIsRefusedAndChangesNothing(
            String description, String path, String body) {
        Reply reply = api.put(path.formatted(user), body);

        assertInvalid(reply, 400, "invalid-request");
        assertThat(api.balanceOf(user)).isEqualTo(OPENING);
    }

    static Stream<Arguments> invalidDeltas() {
        return Stream.of(
                Arguments.of("missing delta", "/user-balance/%d", "{}"),
                Arguments.of("string delta", "/user-balance/%d", "{\"delta\": \"x\"}"),
                Arguments.of("zero delta", "/user-balance/%d", "{\"delta\": 0}"),
                Arguments.of("user id not a number", "/user-balance/abc", "{\"delta\": 1}"),
                Arguments.of("user id zero", "/user-balance/0", "{\"delta\": 1}"),
                Arguments.of(
                        "user id beyond long",
                        "/user-balance/99999999999999999999",
                        "{\"delta\": 1}"));
    }

    @Test
    void invalidOpeningBalancesAreRefused() {
        long users = database.queryLong("SELECT count(*) FROM users");

        for (String body :
                new String[] {
                    "{\"balance\": -1}",
                    "{\"balance\": \"5\"}",
                    "{\"balance\": 1.5}",
                    "{\"balance\": null}",
                    "{\"balance\": 1000000000001}",
                    "[]",
                    "{",
                    "{\"balanse\": 5}",
                    "{\"balance\": 5, \"id\": 3}"
                }) {
            assertInvalid(api.post("/users", body), 400, "invalid-request");
        }
        assertThat(database.queryLong("SELECT count(*) FROM users")).isEqualTo(users);
    }

    @Test
    void aMisspelledFieldIsRefusedByNameInsteadOfDefaulted() {
        long users = database.queryLong("SELECT count(*) FROM users");

        Reply reply = api.post("/users", "{\"balanse\": 5}");

        assertInvalid(reply, 400, "invalid-request");
        assertThat(reply.json().getString("detail"))
                .isEqualTo("balanse is not a field of this request (its fields: balance).");
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("balanse");
        assertThat(database.queryLong("SELECT count(*) FROM users")).isEqualTo(users);
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        Reply reply =
                api.send(
                        api.request("/balance/update")
                                .header("Content-Type", "text/plain")
                                .POST(BodyPublishers.ofString(change(user, -2))));

        assertInvalid(reply, 415, "unsupported-media-type");
        assertThat(api.balanceOf(user)).isEqualTo(OPENING);
    }

    @Test
    void oversizedBodyIsRefused() {
        String padding = " ".repeat(64 * 1024);
        Reply reply =
                api.post(
                        "/balance/update",
                        "{\"userId\": " + user + "," + padding + "\"amount\": -2}");

        assertInvalid(reply, 413, "payload-too-large");
        assertThat(api.balanceOf(user)).isEqualTo(OPENING);
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        assertInvalid(api.get("/no/such/route"), 404, "not-found");
        assertInvalid(
                api.send(api.request("/balance/" + user).DELETE()), 405, "method-not-allowed");
    }

    @Test
    void invalidUserIdInPathIsABadRequest() {
        assertInvalid(api.get("/balance/abc"), 400, "invalid-request");
        assertInvalid(api.get("/balance/-1"), 400, "invalid-request");
        assertInvalid(api.get("/users/1.5"), 400, "invalid-request");
    }

    private static void assertInvalid(Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo(type);
        assertThat(reply.json().getString("title")).isNotBlank();
        assertThat(reply.json().getString("detail")).isNotBlank();
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.body())
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("java.", "jakarta.", "org.", "SQL", "\tat ");
    }

    private static String change(long user, long amount) {
        return "{\"userId\": " + user + ", \"amount\": " + amount + "}";
    }
}

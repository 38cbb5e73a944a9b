package coffer.balance.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.TestDatabaseSession;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.UUID;
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
        assertThat(reply.json().toString())
                .isEqualTo("{\"userId\":1,\"externalId\":null,\"balance\":10000}");
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
        assertThat(reply.json().toString()).isEqualTo(withoutExternalId(user, OPENING - 2));
    }

    @Test
    void highLoadBalanceAppsRouteDoesTheSame() {
        Reply debit = api.post("/users/updateBalance", change(user, -2));
        Reply refused = api.post("/users/updateBalance", change(user, -OPENING));

        assertThat(debit.status()).isEqualTo(200);
        assertThat(debit.json().toString()).isEqualTo(withoutExternalId(user, OPENING - 2));
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
    void everyBalanceRouteNamesAUserByNumberOrByUuidInAnyCase() {
        String uuid = UUID.randomUUID().toString();
        String upper = uuid.toUpperCase();
        long number = openWithExternalId(upper, 1_000);
        String byUuid = "{\"userId\":\"" + uuid + "\",\"externalId\":\"" + uuid + "\",\"balance\":";
        String byNumber = "{\"userId\":" + number + ",\"externalId\":\"" + uuid + "\",\"balance\":";

        assertThat(api.get("/balance/" + upper).json().toString()).isEqualTo(byUuid + "1000}");
        assertThat(api.get("/balance/" + number).json().toString()).isEqualTo(byNumber + "1000}");
        assertThat(api.get("/users/" + uuid).json().toString()).isEqualTo(byUuid + "1000}");
        assertThat(api.get("/users/" + number).json().toString()).isEqualTo(byNumber + "1000}");
        assertThat(api.post("/balance/update", change(upper, -2)).json().toString())
                .isEqualTo(byUuid + "998}");
        assertThat(api.post("/balance/update", change(number, -3)).json().toString())
                .isEqualTo(byNumber + "995}");
        assertThat(api.put("/user-balance/" + upper, "{\"delta\": 10}").json().toString())
                .isEqualTo(byUuid + "1005}");
        assertThat(api.put("/user-balance/" + number, "{\"delta\": -5}").json().toString())
                .isEqualTo(byNumber + "1000}");
        assertThat(api.post("/users/updateBalance", change(uuid, -100)).json().toString())
                .isEqualTo(byUuid + "900}");
        assertThat(api.post("/users/updateBalance", change(number, 50)).json().toString())
                .isEqualTo(byNumber + "950}");
        assertThat(database.queryLong("SELECT balance FROM users WHERE id = ?", number))
                .isEqualTo(950);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM ledger_entries WHERE user_id = ?", number))
                .isEqualTo(7);
    }

    @Test
    void aRefusalNamesTheUserAsTheRequestDid() {
        String uuid = UUID.randomUUID().toString();
        long number = openWithExternalId(uuid, 10);

        Reply refused = api.post("/balance/update", change(uuid.toUpperCase(), -11));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo("insufficient-funds");
        assertThat(refused.json().getString("userId")).isEqualTo(uuid);
        assertThat(refused.json().getString("detail"))
                .isEqualTo(
                        "User "
                                + uuid
                                + " has 10 available; a debit of 11 would make it negative."
                                + " Nothing was changed.");
        assertThat(api.balanceOf(number)).isEqualTo(10);
    }

    @Test
    void aTakenExternalIdIsAConflictAndChangesNothing() {
        String uuid = UUID.randomUUID().toString();
        String body = "{\"id\": \"" + uuid + "\", \"balance\": 5}";
        Reply created = api.post("/users", body, "open-" + uuid);
        long users = database.queryLong("SELECT count(*) FROM users");
        long entries = database.queryLong("SELECT count(*) FROM ledger_entries");

        Reply replayed = api.post("/users", body, "open-" + uuid);
        Reply taken = api.post("/users", "{\"id\": \"" + uuid.toUpperCase() + "\"}");
        String other = "{\"id\": \"" + uuid + "\", \"balance\": 7}";
        Reply takenWithKey = api.post("/users", other, "other-" + uuid);
        Reply takenAgain = api.post("/users", other, "other-" + uuid);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("externalId")).isEqualTo(uuid);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.json()).isEqualTo(created.json());
        assertThat(replayed.location()).isEqualTo(created.location());
        for (Reply conflict : List.of(taken, takenWithKey, takenAgain)) {
            assertInvalid(conflict, 409, "user-exists");
            assertThat(conflict.json().getString("userId")).isEqualTo(uuid);
            assertThat(conflict.json().getString("instance")).isEqualTo("/users");
        }
        assertThat(takenAgain.replayed()).isTrue();
        assertThat(database.queryLong("SELECT count(*) FROM users")).isEqualTo(users);
        assertThat(database.queryLong("SELECT count(*) FROM ledger_entries")).isEqualTo(entries);
        assertThat(api.balanceOf(created.json().getJsonNumber("userId").longValue())).isEqualTo(5);
    }

    @Test
    void anImportOpensItsUsersOnceHoweverOftenItRuns() {
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        String users =
                "{\"id\": 7000000001, \"balance\": 100},"
                        + " {\"externalId\": \""
                        + second.toUpperCase()
                        + "\", \"balance\": 200},"
                        + " {\"id\": 7000000003, \"externalId\": \""
                        + third
                        + "\", \"balance\": 0}";

        Reply first = api.post("/users/import", "[" + users + "]");
        long usersAfter = database.queryLong("SELECT count(*) FROM users");
        long entriesAfter = database.queryLong("SELECT count(*) FROM ledger_entries");
        Reply again = api.post("/users/import", "[" + users + "]");
        Reply more =
                api.post(
                        "/users/import",
                        "["
                                + users
                                + ", {\"externalId\": \""
                                + UUID.randomUUID()
                                + "\", \"balance\": 4}]");

        assertThat(first.json().toString()).isEqualTo("{\"users\":3,\"opened\":3,\"existing\":0}");
        assertThat(again.json().toString()).isEqualTo("{\"users\":3,\"opened\":0,\"existing\":3}");
        assertThat(more.json().toString()).isEqualTo("{\"users\":4,\"opened\":1,\"existing\":3}");
        assertThat(api.get("/users/7000000001").json().toString())
                .isEqualTo("{\"userId\":7000000001,\"externalId\":null,\"balance\":100}");
        assertThat(api.get("/balance/" + second).json().toString())
                .isEqualTo(
                        "{\"userId\":\""
                                + second
                                + "\",\"externalId\":\""
                                + second
                                + "\",\"balance\":200}");
        assertThat(api.get("/users/" + third).json().getJsonNumber("balance").longValue()).isZero();
        assertThat(api.get("/users/7000000003").json().getString("externalId")).isEqualTo(third);
        assertThat(database.queryLong("SELECT count(*) FROM users")).isEqualTo(usersAfter + 1);
        assertThat(database.queryLong("SELECT count(*) FROM ledger_entries"))
                .isEqualTo(entriesAfter + 1);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM ledger_entries e JOIN users u ON u.id = e.user_id"
                                        + " WHERE e.kind = 'OPENING' AND e.amount = u.balance"
                                        + " AND (u.id IN (7000000001, 7000000003)"
                                        + " OR u.external_id = CAST(? AS uuid))",
                                second))
                .isEqualTo(3);
        assertThat(api.openUser(1)).isGreaterThan(7_000_000_003L);
    }

    @Test
    void anImportWithOneUserInTheWayChangesNothing() {
        String fresh = UUID.randomUUID().toString();
        String taken = UUID.randomUUID().toString();
        openWithExternalId(taken, 10);
        long users = database.queryLong("SELECT count(*) FROM users");
        long entries = database.queryLong("SELECT count(*) FROM ledger_entries");
        String opening = "{\"externalId\": \"" + fresh + "\", \"balance\": 1}, ";

        Reply otherBalance =
                api.post(
                        "/users/import", "[" + opening + "{\"id\": " + user + ", \"balance\": 1}]");
        Reply otherNumber =
                api.post(
                        "/users/import",
                        "["
                                + opening
                                + "{\"id\": 7100000001, \"externalId\": \""
                                + taken
                                + "\", \"balance\": 10}]");
        Reply otherExternalId =
                api.post(
                        "/users/import",
                        "["
                                + opening
                                + "{\"id\": "
                                + user
                                + ", \"externalId\": \""
                                + UUID.randomUUID()
                                + "\", \"balance\": "
                                + OPENING
                                + "}]");

        for (Reply conflict : List.of(otherBalance, otherNumber, otherExternalId)) {
            assertInvalid(conflict, 409, "user-exists");
            assertThat(conflict.json().getInt("item")).isEqualTo(1);
            assertThat(conflict.json().getString("instance")).isEqualTo("/users/import");
        }
        assertThat(api.get("/balance/" + fresh).status()).isEqualTo(404);
        assertThat(api.get("/balance/7100000001").status()).isEqualTo(404);
        assertThat(database.queryLong("SELECT count(*) FROM users")).isEqualTo(users);
        assertThat(database.queryLong("SELECT count(*) FROM ledger_entries")).isEqualTo(entries);
    }

    @Test
    void aBadImportIsRefusedBeforeAnythingIsWritten() {
        long users = database.queryLong("SELECT count(*) FROM users");

        Reply noIds =
                api.post(
                        "/users/import",
                        "[{\"id\": 7200000001, \"balance\": 1}, {\"balance\": 2}]");
        Reply wrongType =
                api.send(
                        api.request("/users/import")
                                .header("Content-Type", "text/csv")
                                .POST(BodyPublishers.ofString("id,balance\n7200000001,1\n")));

        assertInvalid(noIds, 400, "invalid-request");
        assertThat(noIds.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("[1].id");
        assertInvalid(wrongType, 415, "unsupported-media-type");
        assertThat(database.queryLong("SELECT count(*) FROM users")).isEqualTo(users);
    }

    @Test
    void unknownUserIsNotFound() {
        Reply update = api.post("/balance/update", change(987_654_321, 5));
        Reply read = api.get("/balance/987654321");
        Reply legacy = api.put("/user-balance/987654321", "{\"delta\": 5}");
        Reply highLoadApp = api.post("/users/updateBalance", change(987_654_321, 5));
        String nobody = UUID.randomUUID().toString();
        List<Reply> byUuid =
                List.of(
                        api.post("/balance/update", change(nobody, 5)),
                        api.get("/balance/" + nobody),
                        api.get("/users/" + nobody),
                        api.put("/user-balance/" + nobody, "{\"delta\": 5}"),
                        api.post("/users/updateBalance", change(nobody, 5)));

        for (Reply reply : new Reply[] {update, read, legacy, highLoadApp}) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.problemType()).isEqualTo("user-not-found");
        }
        for (Reply reply : byUuid) {
            assertInvalid(reply, 404, "user-not-found");
            assertThat(reply.json().getString("detail"))
                    .isEqualTo("There is no user " + nobody + ". Create one with POST /users.");
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
                Arguments.of("short UUID", "{\"userId\": \"1-1-1-1-1\", \"amount\": -2}"),
                Arguments.of(
                        "UUID in braces",
                        "{\"userId\": \"{11111111-1111-1111-1111-111111111111}\", \"amount\": -2}"),
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
                Arguments.of("user id a short UUID", "/user-balance/1-1-1-1-1", "{\"delta\": 1}"),
                Arguments.of(
                        "user id a UUID without hyphens",
                        "/user-balance/11111111111111111111111111111111",
                        "{\"delta\": 1}"),
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
                    "{\"balance\": 5, \"id\": 3}",
                    "{\"balance\": 5, \"id\": \"1-1-1-1-1\"}",
                    "{\"balance\": 5, \"id\": null}"
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
                .isEqualTo("balanse is not a field of this request (its fields: id, balance).");
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
        assertInvalid(api.get("/balance/1-1-1-1-1"), 400, "invalid-request");
        assertInvalid(
                api.get("/users/11111111-1111-1111-1111-11111111111g"), 400, "invalid-request");
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

    private static String withoutExternalId(long user, long balance) {
        return "{\"userId\":" + user + ",\"externalId\":null,\"balance\":" + balance + "}";
    }

    private static String change(String externalId, long amount) {
        return "{\"userId\": \"" + externalId + "\", \"amount\": " + amount + "}";
    }

    private long openWithExternalId(String externalId, long balance) {
        Reply opened =
                api.post(
                        "/users", "{\"id\": \"" + externalId + "\", \"balance\": " + balance + "}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().getJsonNumber("userId").longValue();
    }
}

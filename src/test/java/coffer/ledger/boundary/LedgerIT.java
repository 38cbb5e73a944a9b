package coffer.ledger.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.Expiry;
import coffer.testing.RunningCoffer;
import coffer.testing.TestDatabaseSession;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accruals, spends and idempotency keys over HTTP, against the real database, with the books
 * checked after every test. The expire job does not run here (the scheduler is off), so what is
 * seen of expiry is the available balance's alone; the job is ExpireAccrualsSystemIT's.
 */
class LedgerIT extends RunningCoffer {

    private final Database database = TestDatabaseSession.database();
    private final Expiry expiry = new Expiry(database);

    @AfterEach
    void booksAddUp() {
        BooksInvariant.assertHolds(database);
    }

    @Test
    void aRetriedSpendChargesOnce() {
        long user = api.openUser(1_000);

        Reply first = spend(user, 50, "r-1");
        Reply again = spend(user, 50, "r-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().toString())
                .isEqualTo("{\"success\":true,\"duplicated\":false,\"balance\":950}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().toString())
                .isEqualTo("{\"success\":true,\"duplicated\":true,\"balance\":950}");
        assertThat(again.replayed()).isTrue();
        assertThat(api.balanceOf(user)).isEqualTo(950);
        assertThat(entries(user, "SPEND")).isEqualTo(1);
    }

    @Test
    void accrualsSpendsAndTheBooksNameAUserByNumberOrByUuid() {
        String uuid = UUID.randomUUID().toString();
        Reply opened = api.post("/users", "{\"id\": \"" + uuid + "\", \"balance\": 1000}");
        long number = opened.json().getJsonNumber("userId").longValue();

        Reply accrued = api.post("/users/" + uuid.toUpperCase() + "/accruals", "{\"amount\": 100}");
        Reply spent = spend(number, 50, "s-1");
        Reply spentAgain =
                api.post("/users/" + uuid + "/spend", "{\"amount\": 50, \"requestId\": \"s-1\"}");

        assertThat(accrued.status()).isEqualTo(201);
        assertThat(accrued.json().toString())
                .isEqualTo(
                        "{\"accrualId\":"
                                + accrued.json().getJsonNumber("accrualId")
                                + ",\"userId\":\""
                                + uuid
                                + "\",\"externalId\":\""
                                + uuid
                                + "\",\"amount\":100,\"expiresAt\":null,\"balance\":1100}");
        assertThat(spent.json().toString())
                .isEqualTo("{\"success\":true,\"duplicated\":false,\"balance\":1050}");
        // One user, one key scope, however the user is named.
        assertThat(spentAgain.json().toString())
                .isEqualTo("{\"success\":true,\"duplicated\":true,\"balance\":1050}");
        assertThat(api.get("/users/" + uuid + "/balance").json().toString())
                .isEqualTo(
                        "{\"userId\":\""
                                + uuid
                                + "\",\"externalId\":\""
                                + uuid
                                + "\",\"balance\":1050,\"expiring\":[]}");
        assertThat(api.get("/users/" + number + "/balance").json().getString("externalId"))
                .isEqualTo(uuid);
        Reply byUuid = api.get("/users/" + uuid.toUpperCase() + "/ledger");
        assertThat(byUuid.jsonArray())
                .isEqualTo(api.get("/users/" + number + "/ledger").jsonArray());
        assertThat(byUuid.jsonArray().stream().map(entry -> entry.asJsonObject().getString("kind")))
                .containsExactly("SPEND", "ACCRUAL", "OPENING");
        assertThat(entries(number, "SPEND")).isEqualTo(1);
    }

    @Test
    void theJobRouteSaysQueuedAsTheBonusServicesClientsRead() {
        Reply queued = api.post("/jobs/expire-accruals", "");
        JsonObject job = api.get("/jobs/expire-accruals").json();

        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.json().getBoolean("queued")).isTrue();
        assertThat(queued.json().getString("state")).isIn("QUEUED", "RUNNING");
        assertThat(queued.json().getJsonNumber("jobId")).isEqualTo(job.getJsonNumber("jobId"));
        assertThat(job).doesNotContainKey("queued");
    }

    @Test
    void aHundredConcurrentDuplicatesChargeOnce() {
        long user = api.openUser(1_000);

        List<Reply> replies =
                concurrently(
                        100,
                        n ->
                                api.postAsync(
                                        "/users/" + user + "/spend",
                                        "{\"amount\": 50, \"requestId\": \"burst\"}"));

        assertThat(replies)
                .allSatisfy(
                        reply -> {
                            assertThat(reply.status()).isEqualTo(200);
                            assertThat(reply.json().getJsonNumber("balance").longValue())
                                    .isEqualTo(950);
                        });
        assertThat(replies).filteredOn(reply -> !reply.json().getBoolean("duplicated")).hasSize(1);
        assertThat(api.balanceOf(user)).isEqualTo(950);
        assertThat(entries(user, "SPEND")).isEqualTo(1);
    }

    @Test
    void theHeaderKeyWinsOverTheRequestId() {
        long user = api.openUser(1_000);

        assertThat(
                        api.post(
                                        "/users/" + user + "/spend",
                                        "{\"amount\": 10, \"requestId\": \"body-1\"}",
                                        "header-1")
                                .status())
                .isEqualTo(200);
        Reply byHeader =
                api.post(
                        "/users/" + user + "/spend",
                        "{\"amount\": 10, \"requestId\": \"body-2\"}",
                        "header-1");
        Reply byBody = spend(user, 10, "header-1");

        assertThat(byHeader.json().getBoolean("duplicated")).isTrue();
        assertThat(byBody.json().getBoolean("duplicated")).isTrue();
        assertThat(api.balanceOf(user)).isEqualTo(990);
    }

    @Test
    void theSameKeyWithAnotherPayloadIsAConflict() {
        long user = api.openUser(1_000);
        spend(user, 50, "r-1");

        Reply other = spend(user, 51, "r-1");

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(api.balanceOf(user)).isEqualTo(950);
    }

    @Test
    void keysAreScopedPerUser() {
        long alice = api.openUser(1_000);
        long bob = api.openUser(1_000);

        spend(alice, 50, "shared");
        Reply bobs = spend(bob, 70, "shared");

        assertThat(bobs.json().getBoolean("duplicated")).isFalse();
        assertThat(api.balanceOf(alice)).isEqualTo(950);
        assertThat(api.balanceOf(bob)).isEqualTo(930);
    }

    @Test
    void aRefusalIsAnsweredAgainUnderItsKey() {
        long user = api.openUser(10);

        Reply refused = spend(user, 20, "too-much");
        api.post("/balance/update", "{\"userId\": " + user + ", \"amount\": 100}");
        Reply retried = spend(user, 20, "too-much");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo("insufficient-funds");
        assertThat(refused.json().getString("instance")).isEqualTo("/users/" + user + "/spend");
        assertThat(refused.json().keySet())
                .startsWith("type", "title", "status", "detail", "instance");
        assertThat(retried.status()).isEqualTo(400);
        assertThat(retried.body()).isEqualTo(refused.body());
        assertThat(retried.replayed()).isTrue();
        assertThat(api.balanceOf(user)).isEqualTo(110);
    }

    @Test
    void anExpiredAccrualStopsCountingAtOnce() {
        long user = api.openUser(0);
        Reply accrued = accrue(user, 100, expiry.later(), null);
        assertThat(accrued.status()).isEqualTo(201);
        assertThat(api.balanceOf(user)).isEqualTo(100);

        expiry.expireNow(accrued.json().getJsonNumber("accrualId").longValue());

        assertThat(api.balanceOf(user)).isZero();
        JsonObject books = api.get("/users/" + user + "/balance").json();
        assertThat(books.getJsonNumber("balance").longValue()).isZero();
        assertThat(books.getJsonArray("expiring")).isEmpty();
        assertThat(spend(user, 1, "after-expiry").problemType()).isEqualTo("insufficient-funds");
        assertThat(
                        api.post("/balance/update", "{\"userId\": " + user + ", \"amount\": -1}")
                                .problemType())
                .isEqualTo("insufficient-funds");
        assertThat(database.queryLong("SELECT balance FROM users WHERE id = ?", user))
                .as("not written off until the job runs")
                .isEqualTo(100);
    }

    @Test
    void spendsConsumeTheSoonestToExpireFirst() {
        long user = api.openUser(0);
        Instant january = expiry.later();
        Instant march = january.plusSeconds(3_600);
        long januaryLot =
                accrue(user, 100, january, null).json().getJsonNumber("accrualId").longValue();
        long marchLot =
                accrue(user, 150, march, null).json().getJsonNumber("accrualId").longValue();

        Reply spent = spend(user, 120, "jan-march");

        assertThat(spent.json().getJsonNumber("balance").longValue()).isEqualTo(130);
        assertThat(remaining(januaryLot)).isZero();
        assertThat(remaining(marchLot)).isEqualTo(130);
        JsonObject books = api.get("/users/" + user + "/balance").json();
        assertThat(books.getJsonArray("expiring")).hasSize(1);
        assertThat(
                        books.getJsonArray("expiring")
                                .getJsonObject(0)
                                .getJsonNumber("amount")
                                .longValue())
                .isEqualTo(130);

        expiry.expireNow(januaryLot);

        assertThat(api.balanceOf(user))
                .as("January's lot was empty: nothing more is taken")
                .isEqualTo(130);
    }

    @Test
    void pointsThatNeverExpireAreSpentAfterTheLots() {
        long user = api.openUser(500);
        long lot =
                accrue(user, 100, expiry.later(), null)
                        .json()
                        .getJsonNumber("accrualId")
                        .longValue();

        spend(user, 150, "mixed");

        assertThat(remaining(lot)).isZero();
        assertThat(api.balanceOf(user)).isEqualTo(450);
    }

    @Test
    void concurrentSpendsNeverOverdraw() {
        long user = api.openUser(1_000);

        List<Reply> replies =
                concurrently(
                        300,
                        n ->
                                api.postAsync(
                                        "/users/" + user + "/spend",
                                        "{\"amount\": 7, \"requestId\": \"spend-" + n + "\"}"));

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(142);
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 400)
                .hasSize(158)
                .allSatisfy(
                        reply -> assertThat(reply.problemType()).isEqualTo("insufficient-funds"));
        assertThat(api.balanceOf(user)).isEqualTo(6);
    }

    @Test
    void concurrentSpendsOverLotsNeverUseExpiredPoints() {
        long user = api.openUser(100);
        Instant later = expiry.later();
        accrue(user, 50, later.plusSeconds(3_600), null);
        expiry.expireNow(
                accrue(user, 50, later, null).json().getJsonNumber("accrualId").longValue());

        List<Reply> replies =
                concurrently(
                        100,
                        n ->
                                api.postAsync(
                                        "/users/" + user + "/spend",
                                        "{\"amount\": 2, \"requestId\": \"lots-" + n + "\"}"));

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(75);
        assertThat(api.balanceOf(user)).isZero();
        assertThat(database.queryLong("SELECT balance FROM users WHERE id = ?", user))
                .as("the expired lot's 50 stay on the books until the job")
                .isEqualTo(50);
    }

    @Test
    void accrualsAreIdempotentToo() {
        long user = api.openUser(0);
        Instant expiresAt = expiry.later();

        Reply first = accrue(user, 100, expiresAt, "campaign-7");
        Reply again = accrue(user, 100, expiresAt, "campaign-7");
        Reply other = accrue(user, 101, expiresAt, "campaign-7");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.replayed()).isTrue();
        assertThat(again.json().getJsonNumber("accrualId"))
                .isEqualTo(first.json().getJsonNumber("accrualId"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(api.balanceOf(user)).isEqualTo(100);
        assertThat(entries(user, "ACCRUAL")).isEqualTo(1);
    }

    @Test
    void theBalanceApiHonoursIdempotencyKeys() {
        Reply opened = api.post("/users", "{\"balance\": 300}", "open-1");
        Reply openedAgain = api.post("/users", "{\"balance\": 300}", "open-1");
        long user = opened.json().getJsonNumber("userId").longValue();
        String debit = "{\"userId\": " + user + ", \"amount\": -100}";
        Reply update = api.post("/balance/update", debit, "update-1");
        Reply updateAgain = api.post("/balance/update", debit, "update-1");
        Reply legacy =
                api.send(
                        api.request("/user-balance/" + user)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "put-1")
                                .PUT(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "{\"delta\": 5}")));
        Reply legacyAgain =
                api.send(
                        api.request("/user-balance/" + user)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "put-1")
                                .PUT(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "{\"delta\": 5}")));

        assertThat(openedAgain.status()).isEqualTo(201);
        assertThat(openedAgain.json()).isEqualTo(opened.json());
        assertThat(openedAgain.location()).isEqualTo(opened.location());
        assertThat(updateAgain.json()).isEqualTo(update.json());
        assertThat(updateAgain.replayed()).isTrue();
        assertThat(legacyAgain.json()).isEqualTo(legacy.json());
        assertThat(api.balanceOf(user)).isEqualTo(205);
        assertThat(entries(user, "DEBIT")).isEqualTo(1);
        assertThat(entries(user, "CREDIT")).isEqualTo(1);
    }

    @Test
    void theLedgerListsEveryChangeNewestFirst() {
        long user = api.openUser(100);
        api.post("/balance/update", "{\"userId\": " + user + ", \"amount\": -30}");
        accrue(user, 20, null, null);
        spend(user, 5, "s");

        List<String> kinds =
                api.get("/users/" + user + "/ledger").jsonArray().stream()
                        .map(entry -> entry.asJsonObject().getString("kind"))
                        .toList();
        List<Long> balances =
                api.get("/users/" + user + "/ledger?limit=2").jsonArray().stream()
                        .map(
                                entry ->
                                        entry.asJsonObject()
                                                .getJsonNumber("balanceAfter")
                                                .longValue())
                        .toList();

        assertThat(kinds).containsExactly("SPEND", "ACCRUAL", "DEBIT", "OPENING");
        assertThat(balances).containsExactly(85L, 90L);
    }

    static Stream<Arguments> invalidSpends() {
        return Stream.of(
                Arguments.of("{\"amount\": 0, \"requestId\": \"k\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": -5, \"requestId\": \"k\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": \"5\", \"requestId\": \"k\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 1.5, \"requestId\": \"k\"}", 400, "invalid-request"),
                Arguments.of("{\"requestId\": \"k\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 5}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 5, \"requestId\": 7}", 400, "invalid-request"),
                Arguments.of(
                        "{\"amount\": 5, \"requestId\": \"has space\"}", 400, "invalid-request"),
                Arguments.of(
                        "{\"amount\": 5, \"requestId\": \"" + "k".repeat(201) + "\"}",
                        400,
                        "invalid-request"));
    }

    @ParameterizedTest
    @MethodSource("invalidSpends")
    void invalidSpendsAreRefusedAndChangeNothing(String body, int status, String type) {
        long user = api.openUser(100);

        Reply reply = api.post("/users/" + user + "/spend", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.problemType()).isEqualTo(type);
        assertThat(api.balanceOf(user)).isEqualTo(100);
    }

    static Stream<Arguments> invalidAccruals() {
        return Stream.of(
                Arguments.of("{\"amount\": 0}"),
                Arguments.of("{\"amount\": -1}"),
                Arguments.of("{\"amount\": 1000000000001}"),
                Arguments.of("{\"expiresAt\": \"2099-01-01T00:00:00Z\"}"),
                Arguments.of("{\"amount\": 5, \"expiresAt\": \"tomorrow\"}"),
                Arguments.of("{\"amount\": 5, \"expiresAt\": \"2099-01-01\"}"),
                Arguments.of("{\"amount\": 5, \"expiresAt\": 1767225600}"),
                Arguments.of("{\"amount\": 5, \"expiresAt\": \"2020-01-01T00:00:00Z\"}"));
    }

    @ParameterizedTest
    @MethodSource("invalidAccruals")
    void invalidAccrualsAreRefusedAndChangeNothing(String body) {
        long user = api.openUser(100);

        Reply reply = api.post("/users/" + user + "/accruals", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("invalid-request");
        assertThat(api.balanceOf(user)).isEqualTo(100);
        assertThat(entries(user, "ACCRUAL")).isZero();
    }

    @Test
    void anUnknownUserIsNotFoundEverywhere() {
        String missing = "/users/987654321";

        assertThat(
                        api.post(missing + "/spend", "{\"amount\": 5, \"requestId\": \"k\"}")
                                .problemType())
                .isEqualTo("user-not-found");
        assertThat(api.post(missing + "/accruals", "{\"amount\": 5}").problemType())
                .isEqualTo("user-not-found");
        assertThat(api.get(missing + "/ledger").problemType()).isEqualTo("user-not-found");
        assertThat(api.get(missing + "/balance").problemType()).isEqualTo("user-not-found");
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM idempotent_requests"
                                        + " WHERE scope = 987654321"))
                .isZero();
    }

    private Reply spend(long user, long amount, String requestId) {
        return api.post(
                "/users/" + user + "/spend",
                "{\"amount\": " + amount + ", \"requestId\": \"" + requestId + "\"}");
    }

    private Reply accrue(long user, long amount, Instant expiresAt, String requestId) {
        String body =
                "{\"amount\": "
                        + amount
                        + (expiresAt == null ? "" : ", \"expiresAt\": \"" + expiresAt + "\"")
                        + (requestId == null ? "" : ", \"requestId\": \"" + requestId + "\"")
                        + "}";
        return api.post("/users/" + user + "/accruals", body);
    }

    private long entries(long user, String kind) {
        return database.queryLong(
                "SELECT count(*) FROM ledger_entries WHERE user_id = ?" + " AND kind = ?",
                user,
                kind);
    }

    private long remaining(long accrual) {
        return database.queryLong("SELECT remaining FROM accruals WHERE id = ?", accrual);
    }

    private static List<Reply> concurrently(
            int count, java.util.function.IntFunction<CompletableFuture<Reply>> request) {
        List<CompletableFuture<Reply>> pending = new ArrayList<>();
        IntStream.range(0, count).forEach(n -> pending.add(request.apply(n)));
        return pending.stream().map(CompletableFuture::join).toList();
    }
}

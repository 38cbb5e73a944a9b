package coffer.balance.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.TestDatabaseSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Balances under concurrent load over HTTP, with exact expectations: every request gets a definite
 * answer, no update is lost, no balance goes below zero.
 */
class BalanceConcurrencyIT extends RunningCoffer {

    /** Requests in flight at once; well above the server's JDBC pool, so they really contend. */
    private static final int IN_FLIGHT = Integer.getInteger("coffer.test.in-flight", 200);

    private final Database database = TestDatabaseSession.database();

    @AfterEach
    void booksAddUp() {
        BooksInvariant.assertHolds(database);
    }

    /**
     * The reference test's shape at a fifth of its size: {@code ReferenceLoadSystemIT} sends all
     * 10,000 at once against a production-configured server.
     */
    @Test
    void debitsOfTwoBeyondTheBalanceSplitExactlyInHalf() {
        long user = api.openUser(4_000);

        List<Reply> replies = fire(4_000, i -> change(user, -2));

        assertHalfAcceptedDownToZero(replies, user);
    }

    /**
     * The reference test's shape, sized for the in-container suite (the system tests run the full
     * one): a thousand debits of 2 from 1000, three in four naming the user by UUID (in upper or
     * lower case), the rest by number. Named two ways, the user is in two of the server's queues at
     * once; the row decides, so the outcome is the same exact one.
     */
    @Test
    void referenceTestNamingTheUserByUuidAndByNumberAtOnce() {
        String uuid = UUID.randomUUID().toString();
        Reply opened = api.post("/users", "{\"id\": \"" + uuid + "\", \"balance\": 1000}");
        long user = opened.json().getJsonNumber("userId").longValue();
        String[] names = {
            "\"" + uuid + "\"",
            "\"" + uuid.toUpperCase() + "\"",
            "\"" + uuid + "\"",
            Long.toString(user)
        };

        List<Reply> replies =
                fire(
                        1_000,
                        i ->
                                api.postAsync(
                                        "/balance/update",
                                        "{\"userId\": " + names[i % 4] + ", \"amount\": -2}"));

        assertHalfAcceptedDownToZero(replies, user);
    }

    /**
     * The reference test's outcome for debits of 2 that twice the balance could pay: exactly half
     * accepted, each at a distinct balance (one after another), the rest refused, and 0 left.
     */
    private void assertHalfAcceptedDownToZero(List<Reply> replies, long user) {
        long half = replies.size() / 2;
        assertThat(countBy(replies, Reply::status))
                .containsExactlyInAnyOrderEntriesOf(Map.of(200, half, 400, half));
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 400)
                .allSatisfy(
                        reply -> assertThat(reply.problemType()).isEqualTo("insufficient-funds"));
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 200)
                .extracting(reply -> reply.json().getJsonNumber("balance").longValue())
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, half).map(n -> n * 2).boxed().toList());
        assertThat(api.balanceOf(user)).isZero();
        assertThat(database.queryLong("SELECT balance FROM users WHERE id = ?", user)).isZero();
    }

    @Test
    void mixedCreditsAndDebitsOnOneUserLoseNothing() {
        long opening = 1_000;
        long user = api.openUser(opening);
        Random random = new Random(42);
        long[] amounts = random.longs(3_000, -60, 40).map(a -> a == 0 ? 1 : a).toArray();

        List<Reply> replies = fire(amounts.length, i -> change(user, amounts[i]));

        long accepted = 0;
        for (int i = 0; i < amounts.length; i++) {
            Reply reply = replies.get(i);
            assertThat(reply.status()).isIn(200, 400);
            if (reply.status() == 200) {
                accepted += amounts[i];
            } else {
                assertThat(amounts[i]).isNegative();
                assertThat(reply.problemType()).isEqualTo("insufficient-funds");
            }
        }
        assertThat(countBy(replies, Reply::status)).containsKeys(200, 400);
        assertThat(api.balanceOf(user)).isEqualTo(opening + accepted).isNotNegative();
    }

    @Test
    void changesSpreadOverManyUsersLoseNothing() {
        int users = 50;
        long opening = 500;
        long[] ids = LongStream.range(0, users).map(i -> api.openUser(opening)).toArray();
        Random random = new Random(7);
        int[] targets = random.ints(5_000, 0, users).toArray();
        long[] amounts = random.longs(5_000, -30, 30).map(a -> a == 0 ? -1 : a).toArray();

        List<Reply> replies = fire(targets.length, i -> change(ids[targets[i]], amounts[i]));

        long[] expected = new long[users];
        java.util.Arrays.fill(expected, opening);
        for (int i = 0; i < targets.length; i++) {
            Reply reply = replies.get(i);
            assertThat(reply.status()).isIn(200, 400);
            if (reply.status() == 200) {
                expected[targets[i]] += amounts[i];
            }
        }
        for (int u = 0; u < users; u++) {
            assertThat(api.balanceOf(ids[u])).as("user %d", ids[u]).isEqualTo(expected[u]);
        }
    }

    private CompletableFuture<Reply> change(long user, long amount) {
        return api.postAsync(
                "/balance/update", "{\"userId\": " + user + ", \"amount\": " + amount + "}");
    }

    /** Sends {@code count} requests with {@link #IN_FLIGHT} at a time; replies in request order. */
    private List<Reply> fire(int count, Function<Integer, CompletableFuture<Reply>> request) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Reply>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            pending.add(request.apply(i).whenComplete((reply, failure) -> slots.release()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static <K> Map<K, Long> countBy(List<Reply> replies, Function<Reply, K> key) {
        return replies.stream()
                .collect(Collectors.groupingBy(key, HashMap::new, Collectors.counting()));
    }
}

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
 * Balances under concurrent load over HTTP, with exact expectations: every request gets the answer
 * a model gives it, no update is lost, no balance goes below zero.
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
    void mixedCreditsAndDebitsOnOneUserAreEachDecidedAsTheModelSays() {
        assertEachDecidedAsPlanned(Plan.of(new Random(42), 1, 3_000, 60));
    }

    @Test
    void changesSpreadOverManyUsersAreEachDecidedAsTheModelSays() {
        assertEachDecidedAsPlanned(Plan.of(new Random(7), 50, 5_000, 30));
    }

    /**
     * Opens the plan's users, sends its changes {@link #IN_FLIGHT} at a time, and checks every
     * answer against the plan, then every balance: a refused debit that should have been applied,
     * or the reverse, fails here, not only a lost update.
     */
    private void assertEachDecidedAsPlanned(Plan plan) {
        long[] ids = LongStream.of(plan.opening()).map(api::openUser).toArray();

        List<Reply> replies =
                fire(plan.amounts().length, i -> change(ids[plan.targets()[i]], plan.amounts()[i]));

        for (int i = 0; i < replies.size(); i++) {
            Reply reply = replies.get(i);
            assertThat(reply.status())
                    .as("change %d of %d", i, plan.amounts()[i])
                    .isEqualTo(plan.statuses()[i]);
            if (reply.status() == 400) {
                assertThat(reply.problemType()).isEqualTo("insufficient-funds");
            }
        }
        assertThat(countBy(replies, Reply::status)).containsKeys(200, 400);
        for (int u = 0; u < ids.length; u++) {
            assertThat(api.balanceOf(ids[u])).as("user %d", ids[u]).isEqualTo(plan.closing()[u]);
        }
    }

    /**
     * Changes whose outcomes do not depend on the order the server applies them in, so that each is
     * known in advance: credits; debits that each user's opening balance covers even if all of them
     * come before any credit; and every tenth a debit beyond the opening balance and every credit
     * together, refused whenever it comes.
     */
    private record Plan(
            long[] opening, int[] targets, long[] amounts, int[] statuses, long[] closing) {

        static Plan of(Random random, int users, int changes, int largest) {
            int[] targets = random.ints(changes, 0, users).toArray();
            long[] amounts = new long[changes];
            int[] statuses = new int[changes];
            long[] debited = new long[users];
            long[] credited = new long[users];
            for (int i = 0; i < changes; i++) {
                long amount = 1 + random.nextInt(largest);
                boolean credit = random.nextBoolean();
                if (i % 10 != 9) {
                    (credit ? credited : debited)[targets[i]] += amount;
                    amounts[i] = credit ? amount : -amount;
                    statuses[i] = 200;
                }
            }
            for (int i = 9; i < changes; i += 10) {
                amounts[i] = -(debited[targets[i]] + credited[targets[i]] + 1);
                statuses[i] = 400;
            }
            // Opened with what its debits take, a user is left with what its credits gave.
            return new Plan(debited, targets, amounts, statuses, credited);
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

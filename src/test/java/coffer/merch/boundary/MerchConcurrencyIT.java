package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.Shoppers;
import coffer.testing.TestDatabaseSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transfers and purchases under concurrent load over HTTP, with exact outcomes: no deadlock and no
 * 5xx, every accepted change in the books once, every refused one nowhere.
 */
class MerchConcurrencyIT extends RunningCoffer {

    /** Requests in flight at once; well above the server's JDBC pool, so they really contend. */
    private static final int IN_FLIGHT = 200;

    private final Database database = TestDatabaseSession.database();
    private Shoppers shop;

    @BeforeEach
    void openShop() {
        shop = new Shoppers(api);
    }

    @AfterEach
    void booksAddUp() {
        BooksInvariant.assertHolds(database);
    }

    @Test
    void transfersBothWaysBetweenTwoEmployeesNeverDeadlock() {
        assertRingOfTransfers(2, 1_000, 60);
    }

    @Test
    void transfersAroundARingOfTenNeverDeadlock() {
        assertRingOfTransfers(10, 1_000, 300);
    }

    @Test
    void twoHundredPensForAThousandCoinsAreExactlyOneHundred() {
        String token = shop.tokenOf(Shoppers.unique("penny"));

        List<Reply> replies = fire(200, i -> shop.buyAsync(token, "pen"));

        assertThat(countByStatus(replies))
                .containsExactlyInAnyOrderEntriesOf(Map.of(200, 100L, 400, 100L));
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 400)
                .allSatisfy(
                        reply ->
                                assertThat(reply.json().getString("errors"))
                                        .startsWith("not enough coins: ")
                                        .endsWith(" available, 10 needed"));
        assertThat(shop.info(token).json().toString())
                .isEqualTo(
                        "{\"coins\":0,\"inventory\":"
                                + "[{\"type\":\"pen\",\"quantity\":100}],\"coinHistory\":{\"received\":[],"
                                + "\"sent\":[]}}");
    }

    @Test
    void elevenHundredOneCoinTransfersFromAThousandAreExactlyOneThousand() {
        String sender = shop.tokenOf(Shoppers.unique("giver"));
        String recipientName = Shoppers.unique("taker");
        String recipient = shop.tokenOf(recipientName);

        List<Reply> replies = fire(1_100, i -> shop.sendAsync(sender, recipientName, 1));

        assertThat(countByStatus(replies))
                .containsExactlyInAnyOrderEntriesOf(Map.of(200, 1_000L, 400, 100L));
        assertThat(shop.coins(sender)).isZero();
        assertThat(shop.coins(recipient)).isEqualTo(2_000);
        assertThat(
                        shop.info(recipient)
                                .json()
                                .getJsonObject("coinHistory")
                                .getJsonArray("received")
                                .getJsonObject(0)
                                .getJsonNumber("amount")
                                .longValue())
                .isEqualTo(1_000);
    }

    /**
     * {@code count} transfers of random amounts between neighbours of a ring of employees, in both
     * directions (two employees: between them), all at once; every answer is 200 or a refusal for
     * lack of coins, and each employee ends with exactly what the accepted ones leave them.
     */
    private void assertRingOfTransfers(int employees, int count, int maxAmount) {
        List<String> names =
                IntStream.range(0, employees).mapToObj(i -> Shoppers.unique("ring" + i)).toList();
        List<String> tokens = names.stream().map(shop::tokenOf).toList();
        Random random = new Random(employees);
        int[] from = random.ints(count, 0, employees).toArray();
        int[] to =
                IntStream.range(0, count)
                        .map(
                                i ->
                                        random.nextBoolean()
                                                ? (from[i] + 1) % employees
                                                : (from[i] + employees - 1) % employees)
                        .toArray();
        long[] amounts = random.longs(count, 1, maxAmount + 1).toArray();

        List<Reply> replies =
                fire(count, i -> shop.sendAsync(tokens.get(from[i]), names.get(to[i]), amounts[i]));

        long[] expected = new long[employees];
        java.util.Arrays.fill(expected, 1_000);
        for (int i = 0; i < count; i++) {
            Reply reply = replies.get(i);
            assertThat(reply.status()).as(reply.body()).isIn(200, 400);
            if (reply.status() == 200) {
                expected[from[i]] -= amounts[i];
                expected[to[i]] += amounts[i];
            } else {
                assertThat(reply.problemType()).isEqualTo("insufficient-funds");
            }
        }
        assertThat(countByStatus(replies)).containsKey(200);
        long total = 0;
        for (int e = 0; e < employees; e++) {
            long coins = shop.coins(tokens.get(e));
            assertThat(coins).as(names.get(e)).isEqualTo(expected[e]);
            total += coins;
        }
        assertThat(total).isEqualTo(1_000L * employees);
    }

    private List<Reply> fire(int count, IntFunction<CompletableFuture<Reply>> request) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Reply>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            pending.add(request.apply(i).whenComplete((reply, failure) -> slots.release()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static Map<Integer, Long> countByStatus(List<Reply> replies) {
        return replies.stream()
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
    }
}

package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.Scrape;
import coffer.testing.Shoppers;
import coffer.testing.TestDatabaseSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * A login storm over HTTP: with every hashing slot held by a slow login, more first logins than the
 * deployment has HTTP workers wait in the login queue, and the coin routes still answer while they
 * wait, because a waiting login holds no worker. Each slot is held by a login whose stored hash was
 * given a high bcrypt cost: a verification reads its cost from the hash.
 */
class LoginStormIT extends RunningCoffer {

    /** Payara Micro's default HTTP worker pool, which the IT deployment keeps. */
    private static final int HTTP_WORKERS = 200;

    /** {@code merch.password.concurrency} of the IT deployment (arquillian.xml). */
    private static final int SLOTS = 2;

    private static final int FIRST_LOGINS = HTTP_WORKERS + 50;

    /** About 2.5 s a verification here, against a few milliseconds at the deployment's cost 4. */
    private static final int SLOW_COST = 15;

    private static final String SLOW_PASSWORD = "slow-" + Shoppers.PASSWORD;

    private final Database database = TestDatabaseSession.database();

    @Test
    void moreWaitingLoginsThanHttpWorkersLeaveTheCoinRoutesAnsweringAndAllGetTheirToken() {
        Shoppers shop = new Shoppers(api);
        String coins = shop.tokenOf(Shoppers.unique("coins"));
        List<String> holders = slowLogins(shop);
        double hashes = Scrape.of(api).value("coffer_merch_password_hashes_total");

        List<CompletableFuture<Reply>> holding =
                holders.stream().map(name -> shop.authAsync(name, SLOW_PASSWORD)).toList();
        awaitMetric("coffer_merch_password_hashes_total", hashes + SLOTS);
        List<CompletableFuture<Reply>> storm =
                IntStream.range(0, FIRST_LOGINS)
                        .mapToObj(i -> shop.authAsync(Shoppers.unique("storm"), Shoppers.PASSWORD))
                        .toList();
        awaitMetric("coffer_merch_logins_waiting", FIRST_LOGINS);

        long sent = System.nanoTime();
        Reply info = shop.info(coins);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(holding).as("the slots are still held").noneMatch(CompletableFuture::isDone);
        assertThat(info.status()).isEqualTo(200);
        assertThat(took).as("/api/info beside the storm").isLessThan(Duration.ofSeconds(1));
        assertThat(countByStatus(holding)).containsExactlyEntriesOf(Map.of(200, (long) SLOTS));
        assertThat(countByStatus(storm)).containsExactlyEntriesOf(Map.of(200, (long) FIRST_LOGINS));
        assertThat(storm)
                .allSatisfy(
                        reply -> assertThat(reply.join().json().getString("token")).isNotBlank());
        assertThat(Scrape.of(api).value("coffer_merch_logins_waiting")).isZero();
    }

    /** One employee per slot, each with a stored hash that takes seconds to verify. */
    private List<String> slowLogins(Shoppers shop) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String slowHash =
                OpenBSDBCrypt.generate("2b", SLOW_PASSWORD.toCharArray(), salt, SLOW_COST);
        List<String> names =
                IntStream.range(0, SLOTS).mapToObj(i -> Shoppers.unique("slow")).toList();
        for (String name : names) {
            shop.tokenOf(name);
            assertThat(
                            database.update(
                                    "UPDATE employees SET password_hash = ? WHERE username = ?",
                                    slowHash,
                                    name))
                    .isEqualTo(1);
        }
        return names;
    }

    private void awaitMetric(String name, double value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double seen = Scrape.of(api).value(name);
        while (seen < value && System.nanoTime() < deadline) {
            seen = Scrape.of(api).value(name);
        }
        assertThat(seen).as(name).isEqualTo(value);
    }

    private static Map<Integer, Long> countByStatus(List<CompletableFuture<Reply>> replies) {
        return replies.stream()
                .map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
    }
}

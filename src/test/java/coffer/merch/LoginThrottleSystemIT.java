package coffer.merch;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import coffer.testing.Shoppers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login throttle on a cluster of two Payara Micro processes: its counts are the cluster's, not
 * an instance's, and they are kept per username and client address, so that a stranger cannot lock
 * the owner out. The test is the trusted proxy ({@code TRUSTED_PROXIES=127.0.0.1}) and names each
 * client with {@code X-Forwarded-For}. One boot of two instances for all of it: about a minute of
 * the test's time is theirs.
 */
class LoginThrottleSystemIT {

    private static final int FIRST_HTTP_PORT = 18_391;
    private static final int FIRST_CLUSTER_PORT = 16_991;
    private static final Path OUTPUT = Path.of("target", "login-throttle");
    private static final String STRANGER = "203.0.113.7";
    private static final String OWNER = "198.51.100.9";
    private static final String SPRAYER = "192.0.2.44";

    private final Database database = PostgresServer.forTests().freshDatabase("coffer_throttle");
    private final List<PayaraMicroProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(PayaraMicroProcess::stop);
    }

    @Test
    void theCountsAreTheClustersAndAStrangerCannotLockTheOwnerOut() throws Exception {
        Files.createDirectories(OUTPUT);
        Shoppers a = start(0);
        Shoppers b = start(1);
        nodes.forEach(node -> node.awaitReady(Duration.ofMinutes(8)));
        awaitOneGrid(a, b);
        List<String> employees = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            employees.add(Shoppers.unique("employee"));
            assertThat(a.authFrom(OWNER, employees.get(i), Shoppers.PASSWORD).status())
                    .isEqualTo(200);
        }
        String victim = employees.get(0);

        for (int i = 0; i < 5; i++) {
            assertThat(a.authFrom(STRANGER, victim, "wrong-guess-" + i).status()).isEqualTo(401);
        }
        Reply sixthOnB = b.authFrom(STRANGER, victim, "wrong-guess-5");
        Reply rightFromTheStranger = b.authFrom(STRANGER, victim, Shoppers.PASSWORD);

        assertThat(sixthOnB.status()).isEqualTo(429);
        assertThat(sixthOnB.json().getString("detail"))
                .startsWith("too many wrong passwords for this username from your address;");
        assertThat(rightFromTheStranger.status()).isEqualTo(429);
        assertThat(b.authFrom(OWNER, victim, Shoppers.PASSWORD).status()).isEqualTo(200);
        assertThat(a.authFrom(OWNER, victim, Shoppers.PASSWORD).status()).isEqualTo(200);

        for (int i = 0; i < 20; i++) {
            Shoppers instance = i % 2 == 0 ? a : b;
            assertThat(instance.authFrom(SPRAYER, employees.get(i % 4), "Summer2026!").status())
                    .as("sprayed guess %d", i)
                    .isEqualTo(401);
        }
        Reply sprayed = b.authFrom(SPRAYER, employees.get(4), "Summer2026!");

        assertThat(sprayed.status()).isEqualTo(429);
        assertThat(sprayed.json().getString("detail"))
                .startsWith("too many wrong passwords from your address;");
        assertThat(a.authFrom(OWNER, employees.get(4), Shoppers.PASSWORD).status()).isEqualTo(200);
    }

    private Shoppers start(int index) {
        String members =
                "127.0.0.1:" + FIRST_CLUSTER_PORT + ",127.0.0.1:" + (FIRST_CLUSTER_PORT + 1);
        String name = "throttle-" + (index + 1);
        PayaraMicroProcess node =
                PayaraMicroProcess.builder(FIRST_HTTP_PORT + index)
                        .database(database)
                        .loopbackCluster(name, members, FIRST_CLUSTER_PORT + index)
                        .jvmOption("-Xmx384m")
                        .environment("TASKS_ENABLED", "false")
                        .environment("TRUSTED_PROXIES", "127.0.0.1")
                        .environment("MERCH_PASSWORD_COST", "4")
                        .environment(
                                "MERCH_JWT_KEY_FILE", OUTPUT.resolve("merch-jwt.key").toString())
                        .log(OUTPUT.resolve(name + ".log"))
                        .start();
        nodes.add(node);
        return new Shoppers(new Api(node.baseUri()));
    }

    /**
     * Until the two Hazelcast members have found each other, each counts alone: a probe locked on
     * one instance (its own username and address, unused by the test) shows when the other sees it.
     */
    private static void awaitOneGrid(Shoppers a, Shoppers b) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        for (int probe = 1; Instant.now().isBefore(deadline); probe++) {
            String address = "192.0.2." + probe;
            String username = Shoppers.unique("probe");
            a.authFrom(address, username, Shoppers.PASSWORD);
            for (int i = 0; i < 5; i++) {
                a.authFrom(address, username, "wrong-guess-" + i);
            }
            if (b.authFrom(address, username, "wrong-guess-5").status() == 429) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("the two instances formed no cluster within 3 minutes");
    }
}

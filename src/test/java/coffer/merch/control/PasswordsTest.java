package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.ServiceOverloaded;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashBeyondTheBoundIsRefusedAtOnceAndTheSlotIsFreeAgainAfterwards() throws Exception {
        Passwords passwords = new Passwords();
        passwords.cost = 13; // a quarter of a second or more: the slot stays taken meanwhile
        passwords.concurrency = 1;
        passwords.bound();

        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> passwords.hash("a"));
        awaitTaken(passwords);

        assertThatThrownBy(() -> passwords.matches("b", "$2b$04$" + "x".repeat(53)))
                .isInstanceOfSatisfying(
                        ServiceOverloaded.class,
                        refused -> {
                            assertThat(refused.status()).isEqualTo(503);
                            assertThat(refused.retryAfterSeconds()).hasValue(1);
                        });

        // Refused, not queued: had it waited for the slot it would have run, not thrown.
        assertThat(slow.get()).startsWith("$2b$13$");
        assertThat(passwords.hashing.availablePermits()).isOne();
    }

    private static void awaitTaken(Passwords passwords) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (passwords.hashing.availablePermits() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(passwords.hashing.availablePermits())
                .as("the slow hash holds the slot")
                .isZero();
    }
}

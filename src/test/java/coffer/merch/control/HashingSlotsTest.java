package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.ServiceOverloaded;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheSlot() {
        release.countDown();
    }

    @Test
    void aHashThatFindsEverySlotBusyWaitsItsTurnInsteadOfBeingRefused() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofSeconds(30), System::nanoTime);
        CompletableFuture<String> holder = holdTheSlot(slots);

        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> slots.run(() -> "b"));
        awaitWaiting(slots, 1);
        assertThat(next).isNotDone();
        release.countDown();

        assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void pastTheWaitingBoundAHashIsRefusedAtOnceWhileThoseWaitingStillRun() throws Exception {
        HashingSlots slots = new HashingSlots(1, 1, Duration.ofSeconds(30), System::nanoTime);
        holdTheSlot(slots);
        CompletableFuture<String> waiting =
                CompletableFuture.supplyAsync(() -> slots.run(() -> "b"));
        awaitWaiting(slots, 1);

        assertThatThrownBy(() -> slots.run(() -> "c"))
                .isInstanceOfSatisfying(
                        ServiceOverloaded.class,
                        refused -> {
                            assertThat(refused.status()).isEqualTo(503);
                            assertThat(refused.retryAfterSeconds()).hasValue(1);
                        });
        release.countDown();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("b");
    }

    @Test
    void aHashWhoseExpectedWaitPassesTheBoundIsRefusedWithThatWaitAsRetryAfter() throws Exception {
        AtomicLong clock = new AtomicLong();
        HashingSlots slots = new HashingSlots(1, 10, Duration.ofSeconds(1), clock::get);
        slots.run(() -> clock.addAndGet(Duration.ofMillis(400).toNanos()));
        holdTheSlot(slots);

        // Places 1 and 2 expect 400 and 800 ms: within the second, so they wait.
        CompletableFuture.runAsync(() -> slots.run(() -> "b"));
        awaitWaiting(slots, 1);
        CompletableFuture.runAsync(() -> slots.run(() -> "c"));
        awaitWaiting(slots, 2);

        assertThatThrownBy(() -> slots.run(() -> "d"))
                .isInstanceOfSatisfying(
                        ServiceOverloaded.class,
                        refused -> assertThat(refused.retryAfterSeconds()).hasValue(2));
    }

    @Test
    void aHashThatWaitedTheBoundWithoutASlotIsRefused() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofMillis(200), System::nanoTime);
        holdTheSlot(slots);
        long start = System.nanoTime();

        assertThatThrownBy(() -> slots.run(() -> "b"))
                .isInstanceOfSatisfying(
                        ServiceOverloaded.class,
                        refused -> assertThat(refused.retryAfterSeconds()).hasValue(1));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
        assertThat(slots.waiting()).isZero();
    }

    private CompletableFuture<String> holdTheSlot(HashingSlots slots) throws InterruptedException {
        CompletableFuture<String> holder =
                CompletableFuture.supplyAsync(
                        () ->
                                slots.run(
                                        () -> {
                                            holding.countDown();
                                            await(release);
                                            return "a";
                                        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("the slot is held").isTrue();
        return holder;
    }

    private static void awaitWaiting(HashingSlots slots, int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (slots.waiting() < waiting && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(slots.waiting()).as("hashes waiting for the slot").isEqualTo(waiting);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

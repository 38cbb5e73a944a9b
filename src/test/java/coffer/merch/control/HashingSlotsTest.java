package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.ServiceOverloaded;
import coffer.problems.entity.ShuttingDown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger tasks = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void releaseTheSlot() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void aLoginThatFindsEverySlotBusyWaitsItsTurnInsteadOfBeingRefused() throws Exception {
        HashingSlots slots = slots(1, 4, LONG, LONG, System::nanoTime);
        CompletableFuture<String> holder = holdTheSlot(slots);

        CompletableFuture<String> next = slots.submit(() -> "b");
        assertThat(slots.waiting()).isEqualTo(1);
        assertThat(next).isNotDone();
        release.countDown();

        assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void waitingLoginsHoldNoThreadOnlyTheSlotsRunOnTheExecutor() throws Exception {
        HashingSlots slots = slots(2, 1_000, LONG, LONG, System::nanoTime);
        holdTheSlot(slots);
        holdTheSlot(slots);

        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int login = i;
            waiting.add(slots.submit(() -> login));
        }

        assertThat(slots.waiting()).isEqualTo(500);
        assertThat(tasks).as("tasks handed to the executor").hasValue(2);
        release.countDown();
        for (int i = 0; i < 500; i++) {
            assertThat(waiting.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(tasks).as("one task per login").hasValue(502);
    }

    @Test
    void pastTheMemoryBoundALoginIsRefusedAtOnceWhileThoseWaitingStillRun() throws Exception {
        HashingSlots slots = slots(1, 1, LONG, LONG, System::nanoTime);
        holdTheSlot(slots);
        CompletableFuture<String> waiting = slots.submit(() -> "b");

        assertThatThrownBy(() -> slots.submit(() -> "c"))
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
    void aLoginWhoseExpectedWaitPassesTheBoundIsRefusedWithThatWaitAsRetryAfter() throws Exception {
        AtomicLong clock = new AtomicLong();
        HashingSlots slots = slots(1, 10, Duration.ofSeconds(1), LONG, clock::get);
        slots.submit(() -> clock.addAndGet(Duration.ofMillis(400).toNanos()))
                .get(30, TimeUnit.SECONDS);
        holdTheSlot(slots);

        // Places 1 and 2 expect 400 and 800 ms: within the second, so they wait.
        slots.submit(() -> "b");
        slots.submit(() -> "c");

        assertThatThrownBy(() -> slots.submit(() -> "d"))
                .isInstanceOfSatisfying(
                        ServiceOverloaded.class,
                        refused -> assertThat(refused.retryAfterSeconds()).hasValue(2));
        assertThat(slots.waiting()).isEqualTo(2);
    }

    @Test
    void aLoginStillQueuedWhenItsClientWasAnsweredIsDroppedWithoutRunning() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger ran = new AtomicInteger();
        HashingSlots slots = slots(1, 10, LONG, Duration.ofSeconds(5), clock::get);
        holdTheSlot(slots);
        CompletableFuture<Integer> givenUp = slots.submit(ran::incrementAndGet);
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        CompletableFuture<Integer> stillWanted = slots.submit(ran::incrementAndGet);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());

        release.countDown();

        assertThat(stillWanted.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(givenUp::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ServiceOverloaded.class);
        assertThat(ran).as("only the login still wanted ran").hasValue(1);
    }

    @Test
    void aFailedLoginFreesItsSlotForTheNext() throws Exception {
        HashingSlots slots = slots(1, 10, LONG, LONG, System::nanoTime);
        CompletableFuture<String> failing =
                slots.submit(
                        () -> {
                            throw new IllegalStateException("the database is gone");
                        });
        CompletableFuture<String> next = slots.submit(() -> "b");

        assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("b");
        assertThatThrownBy(failing::get).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAnswersEveryQueuedLoginShuttingDownAndAdmitsNoMoreWhileTheRunningOneFinishes()
            throws Exception {
        HashingSlots slots = slots(1, 10, LONG, LONG, System::nanoTime);
        CompletableFuture<String> running = holdTheSlot(slots);
        CompletableFuture<String> queued = slots.submit(() -> "b");
        CompletableFuture<String> alsoQueued = slots.submit(() -> "c");

        assertThat(slots.close()).isEqualTo(2);

        assertThatThrownBy(queued::get).hasCauseInstanceOf(ShuttingDown.class);
        assertThatThrownBy(alsoQueued::get).hasCauseInstanceOf(ShuttingDown.class);
        assertThatThrownBy(() -> slots.submit(() -> "d")).isInstanceOf(ShuttingDown.class);
        release.countDown();
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(tasks).as("no queued login ran").hasValue(1);
    }

    private HashingSlots slots(
            int count, int maxWaiting, Duration maxWait, Duration giveUp, LongSupplier clock) {
        return new HashingSlots(
                count,
                maxWaiting,
                maxWait,
                giveUp,
                task -> {
                    tasks.incrementAndGet();
                    threads.execute(task);
                },
                clock);
    }

    /** Submits a login that holds its slot until released, once it runs. */
    private CompletableFuture<String> holdTheSlot(HashingSlots slots) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> holder =
                slots.submit(
                        () -> {
                            started.countDown();
                            await(release);
                            return "a";
                        });
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the slot is held").isTrue();
        return holder;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

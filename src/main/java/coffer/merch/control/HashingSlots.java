package coffer.merch.control;

import coffer.problems.entity.ServiceOverloaded;
import coffer.problems.entity.ShuttingDown;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The few logins that may hash a password at once, and the fair queue in front of them, which holds
 * no thread: a login that waits here is an entry in a queue, not a blocked worker.
 *
 * <p>A hash takes tens of milliseconds of a core, so only {@code slots} logins run at once, each on
 * a thread of the executor, and the coin routes keep the rest of the CPU and every HTTP worker. A
 * login that finds every slot busy is queued, first come first served, and started on the executor
 * when a slot frees: a burst of logins is spread over the next second or so instead of being
 * refused. It is refused at once with 503 and {@code Retry-After} (the expected wait, at least a
 * second) only when the wait ahead of it, its place in the queue times the mean time of a login
 * here divided by the slots, would pass {@code maxWait}. {@code maxWaiting} is a memory bound, not
 * a rule of the queue: with the expected wait it is never reached at any real hash cost.
 *
 * <p>A login still queued {@code giveUp} after it arrived is dropped without a hash when its turn
 * comes: its client has been answered by then (the suspended response times out after the same
 * time). Once {@link #close() closed}, every login still queued is answered {@code shutting-down}
 * and none is admitted; those running finish.
 */
final class HashingSlots {

    /** The weight of the newest login's time in the running mean. */
    private static final int SMOOTHING = 8;

    private final int count;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final long giveUpNanos;
    private final Executor executor;
    private final LongSupplier nanoTime;

    /** The mean time of a login in a slot, 0 until the first has been timed. */
    private final AtomicLong meanNanos = new AtomicLong();

    /** Guarded by {@code this}, as are {@code running} and {@code closed}. */
    private final ArrayDeque<Queued<?>> queue = new ArrayDeque<>();

    private int running;
    private boolean closed;

    HashingSlots(
            int count,
            int maxWaiting,
            Duration maxWait,
            Duration giveUp,
            Executor executor,
            LongSupplier nanoTime) {
        this.count = count;
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
        this.giveUpNanos = giveUp.toNanos();
        this.executor = executor;
        this.nanoTime = nanoTime;
    }

    /**
     * The work's result, computed on the executor once a slot is free.
     *
     * @throws ServiceOverloaded when the wait for a slot would be too long
     * @throws ShuttingDown once the slots are closed
     */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        Queued<T> login = new Queued<>(work, nanoTime.getAsLong());
        synchronized (this) {
            if (closed) {
                throw notChecked();
            }
            if (running == count) {
                int place = queue.size() + 1;
                long expected = expectedWaitNanos(place);
                if (place > maxWaiting || expected > maxWaitNanos) {
                    throw refused(expected, place);
                }
                queue.add(login);
                return login.result;
            }
            running++;
        }
        start(login);
        return login.result;
    }

    /**
     * Answers every login still queued {@code shutting-down} and admits no more.
     *
     * @return how many were answered so
     */
    int close() {
        List<Queued<?>> answered;
        synchronized (this) {
            closed = true;
            answered = new ArrayList<>(queue);
            queue.clear();
        }
        answered.forEach(login -> login.result.completeExceptionally(notChecked()));
        return answered.size();
    }

    /** How many logins wait for a slot now. */
    synchronized int waiting() {
        return queue.size();
    }

    private void start(Queued<?> login) {
        try {
            executor.execute(() -> run(login));
        } catch (RejectedExecutionException stopped) {
            login.result.completeExceptionally(notChecked());
            startNext();
        }
    }

    /** Runs the login, hands its slot on, and only then answers it. */
    private <T> void run(Queued<T> login) {
        long start = nanoTime.getAsLong();
        T result = null;
        Throwable failure = null;
        try {
            result = login.work.get();
        } catch (RuntimeException | Error failed) {
            failure = failed;
        }
        meanNanos.accumulateAndGet(
                nanoTime.getAsLong() - start,
                (mean, sample) -> mean == 0 ? sample : mean + (sample - mean) / SMOOTHING);
        startNext();
        if (failure == null) {
            login.result.complete(result);
        } else {
            login.result.completeExceptionally(failure);
        }
    }

    /** A slot is free: the next login still wanted takes it, or the slot stays free. */
    private void startNext() {
        List<Queued<?>> givenUp = new ArrayList<>();
        Queued<?> next;
        synchronized (this) {
            next = queue.poll();
            while (next != null && nanoTime.getAsLong() - next.arrived >= giveUpNanos) {
                givenUp.add(next);
                next = queue.poll();
            }
            if (next == null) {
                running--;
            }
        }
        givenUp.forEach(
                login ->
                        login.result.completeExceptionally(
                                refused(giveUpNanos, "waited too long for")));
        if (next != null) {
            start(next);
        }
    }

    private long expectedWaitNanos(int place) {
        return place * meanNanos.get() / count;
    }

    private ServiceOverloaded refused(long waitNanos, int place) {
        return refused(waitNanos, "would be number " + place + " in the queue for");
    }

    private ServiceOverloaded refused(long waitNanos, String what) {
        long seconds = (waitNanos + 999_999_999) / 1_000_000_000;
        return new ServiceOverloaded(
                "This login "
                        + what
                        + " the "
                        + count
                        + " password check slots and was not checked; try again later",
                (int) Math.max(1, seconds));
    }

    private static ShuttingDown notChecked() {
        return new ShuttingDown(
                "This instance is shutting down; the login was not checked. Retry: another"
                        + " instance will answer.");
    }

    /** A login waiting for a slot, the work it is to run, and when it arrived. */
    private static final class Queued<T> {
        final Supplier<T> work;
        final long arrived;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Queued(Supplier<T> work, long arrived) {
            this.work = work;
            this.arrived = arrived;
        }
    }
}

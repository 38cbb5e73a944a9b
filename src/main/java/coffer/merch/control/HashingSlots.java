package coffer.merch.control;

import coffer.problems.entity.ServiceOverloaded;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The few threads that may hash a password at once, and the short, fair queue in front of them.
 *
 * <p>A hash takes tens of milliseconds of a core, so only {@code slots} run at once and the coin
 * routes keep the rest of the CPU. A hash that finds every slot busy waits its turn, first come
 * first served, instead of being refused: a burst of logins is spread over the next few hundred
 * milliseconds. It is refused with 503 and {@code Retry-After} (the expected wait, at least a
 * second) only when the wait ahead of it, its place in the queue times the mean hash time divided
 * by the slots, would pass {@code maxWait}, when {@code maxWaiting} already wait, or when it has
 * waited {@code maxWait} without a slot. A waiting login holds its HTTP worker, so {@code
 * maxWaiting} plus the slots stays well below the workers and the other routes always find one.
 */
final class HashingSlots {

    /** The weight of the newest hash time in the running mean. */
    private static final int SMOOTHING = 8;

    private final Semaphore slots;
    private final int count;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger waiting = new AtomicInteger();

    /** The mean time of a hash, 0 until the first has been timed. */
    private final AtomicLong meanNanos = new AtomicLong();

    HashingSlots(int count, int maxWaiting, Duration maxWait, LongSupplier nanoTime) {
        this.slots = new Semaphore(count, true);
        this.count = count;
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The work's result, computed once a slot is free.
     *
     * @throws ServiceOverloaded when the wait for a slot would be, or was, too long
     */
    <T> T run(Supplier<T> work) {
        take();
        try {
            long start = nanoTime.getAsLong();
            T result = work.get();
            long took = nanoTime.getAsLong() - start;
            meanNanos.accumulateAndGet(
                    took,
                    (mean, sample) -> mean == 0 ? sample : mean + (sample - mean) / SMOOTHING);
            return result;
        } finally {
            slots.release();
        }
    }

    private void take() {
        int place = waiting.incrementAndGet();
        try {
            // A timed try, unlike tryAcquire(), never overtakes those already waiting.
            if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            long expected = expectedWaitNanos(place);
            if (place > maxWaiting || expected > maxWaitNanos) {
                throw refused(expected, place + " logins wait for");
            }
            if (!slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw refused(
                        maxWaitNanos, "a login waited " + maxWaitNanos / 1_000_000 + " ms for");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(maxWaitNanos, "a login was interrupted waiting for");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** How many hashes are waiting for a slot now. */
    int waiting() {
        return waiting.get();
    }

    private long expectedWaitNanos(int place) {
        return place * meanNanos.get() / count;
    }

    private ServiceOverloaded refused(long waitNanos, String what) {
        long seconds = (waitNanos + 999_999_999) / 1_000_000_000;
        return new ServiceOverloaded(
                what + " the " + count + " password check slots; try again later",
                (int) Math.max(1, seconds));
    }
}

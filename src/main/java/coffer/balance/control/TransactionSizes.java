package coffer.balance.control;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many transactions of each size (changes in them, in powers of two: 1, 2-3, 4-7, ...) the
 * lanes applied; logged when they stop.
 */
final class TransactionSizes {

    private final AtomicLongArray counts = new AtomicLongArray(Integer.SIZE);

    void record(int size) {
        counts.incrementAndGet(Integer.SIZE - 1 - Integer.numberOfLeadingZeros(size));
    }

    @Override
    public String toString() {
        StringBuilder sizes = new StringBuilder();
        long batches = 0;
        for (int bucket = 0; bucket < counts.length(); bucket++) {
            long count = counts.get(bucket);
            if (count > 0) {
                int from = 1 << bucket;
                sizes.append(sizes.length() == 0 ? "" : ", ")
                        .append(from == 1 ? "1" : from + "-" + (2 * from - 1))
                        .append(": ")
                        .append(count);
                batches += count;
            }
        }
        return batches + " transactions by changes in them {" + sizes + "}";
    }
}

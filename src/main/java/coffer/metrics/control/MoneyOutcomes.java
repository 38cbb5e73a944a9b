package coffer.metrics.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What became of the balance changes asked for, by kind and outcome, counted when their transaction
 * commits: a change decided in a transaction that then rolls back (the database lost, a batch
 * refused as a whole and applied change by change) is not counted, so the counts match the ledger.
 * The same for idempotent replays; and the sizes of the batches the balance lanes apply.
 */
@ApplicationScoped
public class MoneyOutcomes {

    private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100};

    @Inject Meters meters;

    @Resource TransactionSynchronizationRegistry transactions;

    private final ConcurrentHashMap<Outcome, Counter> counters = new ConcurrentHashMap<>();
    private DistributionSummary batchSizes;
    private Counter replays;

    @PostConstruct
    void register() {
        batchSizes =
                DistributionSummary.builder("coffer.balance.batch.size")
                        .description("Changes of one account applied in one transaction")
                        .serviceLevelObjectives(BATCH_BUCKETS)
                        .register(meters.registry());
        replays =
                Counter.builder("coffer.idempotent.replays")
                        .description("Requests answered again from their idempotency key")
                        .register(meters.registry());
    }

    /**
     * A change decided in the current transaction, counted once that commits (at once outside one).
     *
     * @param kind what the change is, e.g. {@code debit}
     * @param outcome {@code applied}, or the refusal's problem type, e.g. {@code
     *     insufficient-funds}
     */
    public void decided(String kind, String outcome) {
        onCommit(counters.computeIfAbsent(new Outcome(kind, outcome), this::counter));
    }

    public void batched(int size) {
        batchSizes.record(size);
    }

    /** A request answered from its idempotency key, counted once the transaction commits. */
    public void replayed() {
        onCommit(replays);
    }

    private void onCommit(Counter counter) {
        if (transactions.getTransactionKey() == null) {
            counter.increment();
            return;
        }
        OnCommit pending = (OnCommit) transactions.getResource(OnCommit.class);
        if (pending == null) {
            pending = new OnCommit();
            transactions.putResource(OnCommit.class, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        pending.counters.add(counter);
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder("coffer.money.changes")
                .description("Balance changes committed, by kind and outcome")
                .tag("kind", outcome.kind())
                .tag("outcome", outcome.outcome())
                .register(meters.registry());
    }

    private record Outcome(String kind, String outcome) {}

    /** The counts of one transaction, added when it commits. */
    private static final class OnCommit implements Synchronization {

        private final List<Counter> counters = new ArrayList<>(1);

        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                counters.forEach(Counter::increment);
            }
        }
    }
}

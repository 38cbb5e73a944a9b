package coffer.balance.boundary;

import coffer.idempotency.boundary.Answers;
import coffer.idempotency.entity.Answer;
import coffer.ledger.entity.UserId;
import coffer.problems.entity.ProblemException;
import coffer.problems.entity.ServiceOverloaded;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where balance changes wait, per account, to be applied in batches: the changes of one user that
 * arrive while a batch of that user is being applied form the next batch, applied in one
 * transaction by {@link Balances#changeInOrder}, each still decided on its own, in arrival order.
 * Natural batching: a batch is whatever queued while the last one ran, so an idle account pays no
 * wait; under load, one transaction (one row lock, one commit) serves many requests.
 *
 * <p>Who applies them: the request that finds its account's queue empty applies the batches on its
 * own HTTP worker, its own change first, until the queue is empty again; the requests that find it
 * busy only queue and free their worker. So a change of a quiet account costs what it always did
 * (no hand-over to another thread), at most one worker serves an account at a time, and a hot
 * account keeps one worker busy, not all of them.
 *
 * <p>Admission: past {@code balance.max-waiting} changes admitted and not yet answered, a new one
 * is refused at once with 503 and {@code Retry-After}, before anything is done; that bounds the
 * memory the waiting requests hold and the wait of those admitted.
 *
 * <p>No answer is given before its batch has committed. A batch refused as a whole by a problem one
 * of its requests raised (an unknown user, say) rolled back cleanly: each of its requests is then
 * applied alone. Any other failure (the database lost, a bug) fails every request of the batch with
 * it, since nothing may be assumed about what was applied.
 */
@ApplicationScoped
public class AccountQueues {

    private static final Logger LOG = Logger.getLogger(AccountQueues.class.getName());

    @Inject Balances balances;

    @Inject
    @ConfigProperty(name = "balance.batch-max-size", defaultValue = "100")
    int batchMaxSize;

    @Inject
    @ConfigProperty(name = "balance.max-waiting", defaultValue = "20000")
    int maxWaiting;

    private final ConcurrentHashMap<Long, ArrayDeque<Waiting>> waitingByUser =
            new ConcurrentHashMap<>();

    private final AtomicInteger waiting = new AtomicInteger();
    private final BatchSizes batchSizes = new BatchSizes();
    private volatile boolean stopping;

    @PreDestroy
    void stop() {
        stopping = true;
        ServiceOverloaded shuttingDown =
                new ServiceOverloaded(
                        "This instance is shutting down; the change was not applied. Retry.");
        waitingByUser
                .values()
                .forEach(
                        queue ->
                                queue.forEach(
                                        change ->
                                                change.answer()
                                                        .completeExceptionally(shuttingDown)));
        LOG.info(() -> "Balance batches: " + batchSizes);
    }

    /**
     * Queues the change and resumes the client's response with its answer, as the resource at
     * {@code path} gives it, or with the failure, which the exception mappers answer. When the
     * account had nothing queued, this thread applies its batches before it returns.
     *
     * @throws ServiceOverloaded when as many changes wait as the instance admits
     */
    public void answer(AsyncResponse response, UserId userId, BalanceChange change, String path) {
        Waiting queued = admit(change);
        queued.answer()
                .whenComplete(
                        (answer, failure) -> {
                            if (failure == null) {
                                response.resume(Answers.toResponse(answer, path));
                            } else {
                                response.resume(failure);
                            }
                        });
        if (enqueue(userId.value(), queued)) {
            applyUntilEmpty(userId);
        }
    }

    private Waiting admit(BalanceChange change) {
        if (waiting.incrementAndGet() > maxWaiting || stopping) {
            waiting.decrementAndGet();
            throw new ServiceOverloaded(
                    "More than "
                            + maxWaiting
                            + " balance changes are in"
                            + " progress on this instance; nothing was changed. Retry shortly.");
        }
        Waiting queued = new Waiting(change, new CompletableFuture<>());
        queued.answer().whenComplete((answer, failure) -> waiting.decrementAndGet());
        return queued;
    }

    /** Queues the change; true when its account had nothing queued, so nobody applies them. */
    private boolean enqueue(long user, Waiting queued) {
        boolean[] first = new boolean[1];
        waitingByUser.compute(
                user,
                (id, queue) -> {
                    ArrayDeque<Waiting> changes = queue == null ? new ArrayDeque<>() : queue;
                    first[0] = changes.isEmpty();
                    changes.add(queued);
                    return changes;
                });
        return first[0];
    }

    private void applyUntilEmpty(UserId user) {
        boolean more = true;
        while (more) {
            List<Waiting> batch = nextBatch(user.value());
            try {
                applyNextBatch(user, batch);
            } finally {
                more = dropApplied(user.value(), batch.size());
            }
        }
    }

    /** The account's next batch; its changes stay queued until applied, which marks it busy. */
    private List<Waiting> nextBatch(long user) {
        List<Waiting> batch = new ArrayList<>();
        waitingByUser.computeIfPresent(
                user,
                (id, queue) -> {
                    queue.stream().limit(batchMaxSize).forEach(batch::add);
                    return queue;
                });
        return batch;
    }

    /**
     * Drops the batch just applied (the head of the queue: only the thread applying takes from it);
     * true when more changes queued meanwhile, which the same thread applies next.
     */
    private boolean dropApplied(long user, int applied) {
        boolean[] more = new boolean[1];
        waitingByUser.computeIfPresent(
                user,
                (id, queue) -> {
                    for (int i = 0; i < applied; i++) {
                        queue.poll();
                    }
                    more[0] = !queue.isEmpty();
                    return more[0] ? queue : null;
                });
        return more[0];
    }

    private void applyNextBatch(UserId user, List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batchSizes.record(batch.size());
        List<Answer> answers;
        try {
            answers = balances.changeInOrder(user, batch.stream().map(Waiting::change).toList());
        } catch (ProblemException refusedAsAWhole) {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(refusedAsAWhole);
            } else {
                batch.forEach(change -> applyAlone(user, change));
            }
            return;
        } catch (RuntimeException | Error failed) {
            batch.forEach(change -> change.answer().completeExceptionally(failed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answers.get(i));
        }
    }

    private void applyAlone(UserId user, Waiting waiting) {
        try {
            waiting.answer()
                    .complete(
                            balances.change(
                                    user, waiting.change().amount(), waiting.change().key()));
        } catch (RuntimeException failed) {
            waiting.answer().completeExceptionally(failed);
        }
    }

    /** A change waiting for its batch, and the answer its client waits for. */
    private record Waiting(BalanceChange change, CompletableFuture<Answer> answer) {}
}

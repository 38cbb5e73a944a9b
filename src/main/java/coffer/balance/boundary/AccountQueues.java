package coffer.balance.boundary;

import coffer.idempotency.boundary.Answers;
import coffer.idempotency.entity.Answer;
import coffer.ledger.entity.UserRef;
import coffer.metrics.control.MoneyOutcomes;
import coffer.problems.entity.ProblemException;
import coffer.problems.entity.ServiceOverloaded;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where balance changes wait, per account, to be applied in batches: the changes of one user that
 * arrive while a batch of that user is being applied form the next batch, applied in one
 * transaction by {@link Balances#changeInOrder}, each still decided on its own, in arrival order.
 * Natural batching: a batch is whatever queued while the last one ran, so an idle account pays no
 * wait; under load, one transaction (one row lock, one commit) serves many requests.
 *
 * <p>A fixed number of lanes (threads) applies batches, one account at a time each, and at most one
 * lane serves an account at once; an account with more waiting goes to the back of the line after
 * each batch, so a hot account cannot starve the others. Lanes stay below the JDBC pool's size, so
 * a batch never waits for a connection and the rest of the API always finds one.
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

    @EJB Balances balances;

    @Inject MoneyOutcomes outcomes;

    @Resource ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "balance.lanes", defaultValue = "6")
    int lanes;

    @Inject
    @ConfigProperty(name = "balance.batch-max-size", defaultValue = "100")
    int batchMaxSize;

    @Inject
    @ConfigProperty(name = "balance.max-waiting", defaultValue = "20000")
    int maxWaiting;

    /**
     * Keyed by the user as the requests name it: a user named both by number and by external id has
     * two queues, whose batches may run at once in two lanes. That stays correct, because each
     * batch's transaction decides on the row it locks, as two instances' batches do; it only
     * batches less. Resolving the external id before queuing would cost a round trip per request.
     */
    private final ConcurrentHashMap<UserRef, ArrayDeque<Waiting>> waitingByUser =
            new ConcurrentHashMap<>();

    /** Accounts with changes waiting and no lane on them, in the order they are to be served. */
    private final BlockingQueue<UserRef> ready = new LinkedBlockingQueue<>();

    private final AtomicInteger waiting = new AtomicInteger();
    private final BatchSizes batchSizes = new BatchSizes();
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopping;

    @PostConstruct
    void startLanes() {
        for (int lane = 0; lane < lanes; lane++) {
            Thread thread = threads.newThread(this::serve);
            thread.setName("coffer-balance-lane-" + lane);
            running.add(thread);
            thread.start();
        }
    }

    @PreDestroy
    void stopLanes() {
        stopping = true;
        running.forEach(Thread::interrupt);
        waitingByUser
                .values()
                .forEach(
                        queue ->
                                queue.forEach(
                                        change ->
                                                change.answer()
                                                        .completeExceptionally(
                                                                new ServiceOverloaded(
                                                                        "This instance is shutting down;"
                                                                                + " the change was not applied. Retry."))));
        LOG.info(() -> "Balance batches: " + batchSizes);
    }

    /**
     * Queues the change for its account; the answer completes once its batch has committed.
     *
     * @throws ServiceOverloaded when as many changes wait as the instance admits
     */
    public CompletableFuture<Answer> submit(UserRef user, BalanceChange change) {
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
        waitingByUser.compute(
                user,
                (account, queue) -> {
                    ArrayDeque<Waiting> changes = queue == null ? new ArrayDeque<>() : queue;
                    if (changes.isEmpty()) {
                        ready.add(account);
                    }
                    changes.add(queued);
                    return changes;
                });
        return queued.answer();
    }

    /**
     * Queues the change and resumes the client's response with its answer, as the resource at
     * {@code path} gives it, or with the failure, which the exception mappers answer.
     *
     * @throws ServiceOverloaded when as many changes wait as the instance admits
     */
    public void answer(AsyncResponse response, UserRef user, BalanceChange change, String path) {
        submit(user, change)
                .whenComplete(
                        (answer, failure) -> {
                            if (failure == null) {
                                response.resume(Answers.toResponse(answer, path));
                            } else {
                                response.resume(failure);
                            }
                        });
    }

    /** What one lane does until the application stops. */
    private void serve() {
        while (!stopping) {
            try {
                UserRef user = ready.take();
                List<Waiting> batch = nextBatch(user);
                try {
                    applyNextBatch(user, batch);
                } finally {
                    sendBackOrForget(user, batch.size());
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "A balance lane failed; it carries on", bug);
            }
        }
    }

    /** The account's next batch; its changes stay queued (so no other lane takes the account). */
    private List<Waiting> nextBatch(UserRef user) {
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
     * Drops the batch just applied (the head of the queue: only this lane takes from it); an
     * account with more waiting goes to the back of the line.
     */
    private void sendBackOrForget(UserRef user, int applied) {
        waitingByUser.computeIfPresent(
                user,
                (id, queue) -> {
                    for (int i = 0; i < applied; i++) {
                        queue.poll();
                    }
                    if (queue.isEmpty()) {
                        return null;
                    }
                    ready.add(id);
                    return queue;
                });
    }

    private void applyNextBatch(UserRef user, List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batchSizes.record(batch.size());
        outcomes.batched(batch.size());
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

    private void applyAlone(UserRef user, Waiting waiting) {
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

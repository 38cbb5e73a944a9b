package coffer.balance.control;

import coffer.idempotency.control.Answer;
import coffer.ledger.entity.UserRef;
import coffer.lifecycle.control.Stopping;
import coffer.metrics.control.MoneyOutcomes;
import coffer.problems.control.DatabaseFailure;
import coffer.problems.entity.CommitOutcomeUnknown;
import coffer.problems.entity.ProblemException;
import coffer.problems.entity.ServiceOverloaded;
import coffer.problems.entity.ShuttingDown;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where balance changes wait, per account, to be applied in batches: the changes of one user that
 * arrive while a batch of that user is being applied form the next batch, applied in one
 * transaction by {@link BatchTransactions#changeTogether}, each still decided on its own, in
 * arrival order. Natural batching: a batch is whatever queued while the last one ran, so an idle
 * account pays no wait; under load, one transaction (one row lock, one commit) serves many
 * requests.
 *
 * <p>A fixed number of lanes (threads) applies batches, and at most one lane serves an account at
 * once; an account with more waiting goes to the back of the line after each batch, so a hot
 * account cannot starve the others. Group commit: a lane takes the next ready account's batch and
 * then the batches of the accounts ready behind it, up to {@code balance.batch-max-size} changes in
 * all, into one transaction, so traffic spread over many accounts pays one transaction and one
 * commit per group rather than per request. Lanes stay below the JDBC pool's size, so a group never
 * waits for a connection and the rest of the API always finds one.
 *
 * <p>Admission: past {@code balance.max-waiting} changes admitted and not yet answered, a new one
 * is refused at once with 503 and {@code Retry-After}, before anything is done; that bounds the
 * memory the waiting requests hold and the wait of those admitted.
 *
 * <p>No answer is given before its group has committed. A group refused as a whole by a problem one
 * of its requests raised (an unknown user, say) rolled back cleanly: each account's batch is then
 * applied in its own transaction, and a batch refused as a whole again one request at a time. So is
 * a group that the database, or one of its nodes, failed before any commit over a working
 * connection (a Citus worker away fails only the accounts it holds). Any other failure (no
 * connection at all, a failed commit, a bug) fails every request of the group with it, since
 * nothing more may be assumed about what was applied.
 *
 * <p>Every change is answered, and truthfully. One that waits past {@code balance.answer-timeout}
 * is answered "not applied" if it is still queued (it is taken out first), and {@code
 * commit-outcome-unknown} if its batch is being applied. At shutdown, no batch starts any more: the
 * batches in flight finish and are answered with their outcome, and every change still queued is
 * answered "not applied". Admission and that sweep exclude each other, so no change is admitted
 * once the sweep has begun.
 */
@ApplicationScoped
public class AccountQueues {

    private static final Logger LOG = Logger.getLogger(AccountQueues.class.getName());

    /** How long an idle lane waits for an account before it looks whether it is to stop. */
    private static final long IDLE_MILLIS = 100;

    @Inject BatchTransactions transactions;

    @Inject MoneyOutcomes outcomes;

    @Resource ManagedThreadFactory threads;

    /**
     * Few lanes make large groups: on two cores, 3 lanes served spread traffic with 10-20 % more
     * throughput and less CPU per request than 6, and the hot row no worse (README, Performance).
     */
    @Inject
    @ConfigProperty(name = "balance.lanes", defaultValue = "3")
    int lanes;

    @Inject
    @ConfigProperty(name = "balance.batch-max-size", defaultValue = "100")
    int batchMaxSize;

    @Inject
    @ConfigProperty(name = "balance.max-waiting", defaultValue = "20000")
    int maxWaiting;

    @Inject
    @ConfigProperty(name = "balance.answer-timeout", defaultValue = "PT30S")
    Duration answerTimeout;

    /**
     * Keyed by the user as the requests name it: a user named both by number and by external id has
     * two queues, whose batches may run at once in two lanes. That stays correct, because each
     * batch's transaction decides on the row it locks, as two instances' batches do; it only
     * batches less. Resolving the external id before queuing would cost a round trip per request.
     * An account's state is read and changed only inside this map's {@code compute} methods.
     */
    private final ConcurrentHashMap<UserRef, Account> accounts = new ConcurrentHashMap<>();

    /** Accounts with changes queued and no lane on them, in the order they are to be served. */
    private final BlockingQueue<UserRef> ready = new LinkedBlockingQueue<>();

    /** Admissions share it; the shutdown sweep takes it alone. */
    private final ReadWriteLock admission = new ReentrantReadWriteLock();

    private final AtomicInteger waiting = new AtomicInteger();
    private final TransactionSizes transactionSizes = new TransactionSizes();
    private final List<Thread> running = new ArrayList<>();

    /** No batch starts once set; written under the admission write lock. */
    private volatile boolean stopping;

    /** Lanes leave once set, after the batch they apply. */
    private volatile boolean stopped;

    @PostConstruct
    void startLanes() {
        for (int lane = 0; lane < lanes; lane++) {
            Thread thread = threads.newThread(this::serve);
            thread.setName("coffer-balance-lane-" + lane);
            running.add(thread);
            thread.start();
        }
    }

    /** The instance stops once its requests drained, while the database can still be reached. */
    void stopWhenDrained(@Observes Stopping stop) {
        stopLanes();
    }

    /**
     * Starts no more batches, answers every change still queued "not applied", and waits (up to the
     * answer timeout) for the batches in flight, which answer their changes with what became of
     * them.
     */
    @PreDestroy
    void stopLanes() {
        admission.writeLock().lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
        } finally {
            admission.writeLock().unlock();
        }
        List<Waiting> notStarted = new ArrayList<>();
        for (UserRef user : accounts.keySet()) {
            accounts.computeIfPresent(
                    user,
                    (id, account) -> {
                        notStarted.addAll(account.queued);
                        account.queued.clear();
                        return account.busy ? account : null;
                    });
        }
        notStarted.forEach(change -> change.answer.completeExceptionally(notApplied()));
        stopped = true;
        awaitLanes();
        LOG.info(
                () ->
                        "Balance lanes stopped; "
                                + notStarted.size()
                                + " queued changes answered not applied. "
                                + transactionSizes);
    }

    /** How long a change may wait for its answer before it is answered what became of it. */
    public Duration answerTimeout() {
        return answerTimeout;
    }

    /**
     * Queues the change for its account; its answer completes once its batch has committed.
     *
     * @throws ServiceOverloaded when as many changes wait as the instance admits
     * @throws ShuttingDown when the instance is stopping
     */
    public Waiting submit(UserRef user, BalanceChange change) {
        admission.readLock().lock();
        try {
            if (stopping) {
                throw notApplied();
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw new ServiceOverloaded(
                        "More than "
                                + maxWaiting
                                + " balance changes are in"
                                + " progress on this instance; nothing was changed. Retry shortly.");
            }
            Waiting queued = new Waiting(change);
            queued.answer.whenComplete((answer, failure) -> waiting.decrementAndGet());
            accounts.compute(
                    user,
                    (id, known) -> {
                        Account account = known == null ? new Account() : known;
                        if (!account.busy && account.queued.isEmpty()) {
                            ready.add(id);
                        }
                        account.queued.add(queued);
                        return account;
                    });
            return queued;
        } finally {
            admission.readLock().unlock();
        }
    }

    /**
     * The change's client waited long enough: a change still queued is taken out and answered "not
     * applied"; one whose batch is being applied may yet commit, so its outcome is unknown.
     */
    public void timeOut(UserRef user, Waiting change) {
        boolean[] taken = {false};
        accounts.computeIfPresent(
                user,
                (id, account) -> {
                    taken[0] = account.queued.remove(change);
                    return account.idle() ? null : account;
                });
        long seconds = answerTimeout.toSeconds();
        if (taken[0]) {
            change.answer.completeExceptionally(
                    new ServiceOverloaded(
                            "The change waited "
                                    + seconds
                                    + " s without being started and was taken out of its"
                                    + " queue; it was not applied. Retry shortly."));
        } else if (change.started) {
            change.answer.completeExceptionally(
                    new CommitOutcomeUnknown(
                            "The change was still being applied after "
                                    + seconds
                                    + " s, so it may or may not have been applied. Send it again"
                                    + " with the same Idempotency-Key to learn its outcome without"
                                    + " a second charge; without a key, read the balance or ledger"
                                    + " before repeating it."));
        }
        // Neither: answered already, or by the shutdown sweep that has just taken it.
    }

    /** What one lane does until the lanes stop. */
    private void serve() {
        while (!stopped) {
            try {
                UserRef first = ready.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Batch> group = nextGroup(first);
                try {
                    List<Batch> toApply =
                            group.stream().filter(batch -> !batch.changes.isEmpty()).toList();
                    record(toApply);
                    apply(toApply);
                } finally {
                    group.forEach(batch -> sendBackOrForget(batch.user));
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "A balance lane failed; it carries on", bug);
            }
        }
    }

    /**
     * The first account's batch, then those of the accounts ready behind it while there is room:
     * what is ready now, so a lone change is never held back to wait for company.
     */
    private List<Batch> nextGroup(UserRef first) {
        List<Batch> group = new ArrayList<>();
        int room = batchMaxSize;
        for (UserRef user = first; user != null; user = room > 0 ? ready.poll() : null) {
            Batch batch = nextBatch(user, room);
            group.add(batch);
            room -= batch.changes.size();
        }
        return group;
    }

    /**
     * Takes up to {@code room} of the account's changes out of its queue and marks the account busy
     * (so no other lane takes it); none once the lanes are stopping.
     */
    private Batch nextBatch(UserRef user, int room) {
        Batch batch = new Batch(user, new ArrayList<>());
        accounts.computeIfPresent(
                user,
                (id, account) -> {
                    if (stopping) {
                        return account;
                    }
                    account.busy = true;
                    while (batch.changes.size() < room && !account.queued.isEmpty()) {
                        Waiting change = account.queued.poll();
                        change.started = true;
                        batch.changes.add(change);
                    }
                    return account;
                });
        return batch;
    }

    private void record(List<Batch> group) {
        if (!group.isEmpty()) {
            group.forEach(batch -> outcomes.batched(batch.changes.size()));
            transactionSizes.record(group.stream().mapToInt(batch -> batch.changes.size()).sum());
        }
    }

    /** The batch is answered: an account with more waiting goes to the back of the line. */
    private void sendBackOrForget(UserRef user) {
        accounts.computeIfPresent(
                user,
                (id, account) -> {
                    account.busy = false;
                    if (account.idle()) {
                        return null;
                    }
                    ready.add(id);
                    return account;
                });
    }

    /**
     * Applies the group in one transaction; refused as a whole, each batch in its own, and a lone
     * batch refused as a whole one change at a time.
     */
    private void apply(List<Batch> group) {
        if (group.isEmpty()) {
            return;
        }
        List<? extends List<? extends Answer<?>>> answers;
        try {
            answers = transactions.changeTogether(group.stream().map(Batch::requested).toList());
        } catch (ProblemException refusedAsAWhole) {
            if (group.size() > 1) {
                group.forEach(batch -> apply(List.of(batch)));
            } else if (group.get(0).changes.size() > 1) {
                group.get(0).changes.forEach(change -> applyAlone(group.get(0).user, change));
            } else {
                group.get(0).changes.get(0).answer.completeExceptionally(refusedAsAWhole);
            }
            return;
        } catch (RuntimeException | Error failed) {
            if (group.size() > 1 && oneNodeAway(failed)) {
                group.forEach(batch -> apply(List.of(batch)));
            } else {
                group.forEach(
                        batch ->
                                batch.changes.forEach(
                                        change -> change.answer.completeExceptionally(failed)));
            }
            return;
        }
        for (int b = 0; b < group.size(); b++) {
            List<Waiting> changes = group.get(b).changes;
            for (int i = 0; i < changes.size(); i++) {
                changes.get(i).answer.complete(answers.get(b).get(i));
            }
        }
    }

    /**
     * Whether a failed group may be applied again one account at a time: the database, or one of
     * its nodes (a Citus worker holding some of the group's accounts), failed inside the
     * transaction, before any commit, over a connection that works, so nothing was applied and the
     * accounts on other nodes can go on. Not when no connection could be had at all: then every
     * account would fail the same way, each after its own wait.
     */
    private static boolean oneNodeAway(Throwable failed) {
        return DatabaseFailure.of(failed) == DatabaseFailure.UNAVAILABLE
                && !DatabaseFailure.noConnection(failed);
    }

    private void applyAlone(UserRef user, Waiting waiting) {
        try {
            waiting.answer.complete(transactions.change(user, waiting.change));
        } catch (RuntimeException failed) {
            waiting.answer.completeExceptionally(failed);
        }
    }

    private void awaitLanes() {
        long deadline = System.nanoTime() + answerTimeout.toNanos();
        try {
            for (Thread lane : running) {
                lane.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ShuttingDown notApplied() {
        return new ShuttingDown(
                "This instance is shutting down; the change was not applied. Retry.");
    }

    /** Changes of one account a lane has taken out of its queue, to apply together. */
    private record Batch(UserRef user, List<Waiting> changes) {
        AccountBatch requested() {
            return new AccountBatch(user, changes.stream().map(Waiting::change).toList());
        }
    }

    /** The changes of one account not yet started, and whether a lane applies a batch of it. */
    private static final class Account {
        final ArrayDeque<Waiting> queued = new ArrayDeque<>();
        boolean busy;

        boolean idle() {
            return !busy && queued.isEmpty();
        }
    }

    /** A change waiting for its answer, and whether its batch has started (it is in flight). */
    public static final class Waiting {
        final BalanceChange change;
        final CompletableFuture<Answer<?>> answer = new CompletableFuture<>();
        volatile boolean started;

        Waiting(BalanceChange change) {
            this.change = change;
        }

        BalanceChange change() {
            return change;
        }

        public CompletableFuture<Answer<?>> answer() {
            return answer;
        }
    }
}

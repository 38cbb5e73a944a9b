package coffer.balance.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.idempotency.control.Answer;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.entity.UserId;
import coffer.ledger.entity.UserNotFound;
import coffer.ledger.entity.UserRef;
import coffer.metrics.control.MoneyOutcomes;
import coffer.problems.entity.CommitOutcomeUnknown;
import coffer.problems.entity.ProblemException;
import coffer.problems.entity.ServiceOverloaded;
import coffer.problems.entity.ShuttingDown;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queues' own rules, with the balances played by the test: each batch the lanes apply is
 * recorded, and the first one can be held in flight until the test lets it commit.
 */
class AccountQueuesTest {

    private static final UserRef HOT = new UserId(1);
    private static final UserRef OTHER = new UserId(2);
    private static final long WAIT_SECONDS = 5;

    private final FakeBalances balances = new FakeBalances();
    private AccountQueues queues;

    @AfterEach
    void stopLanes() {
        balances.letGo();
        queues.stopLanes();
    }

    @Test
    void aChangePastTheAdmittedNumberIsRefusedAtOnceAndNothingIsApplied() throws Exception {
        start(1, 100, 2);
        AccountQueues.Waiting inFlight = submitHeld(HOT, -1);
        submit(HOT, -2);

        assertThatThrownBy(() -> submit(OTHER, -3)).isInstanceOf(ServiceOverloaded.class);

        balances.letGo();
        inFlight.answer().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(bodyOf(submit(OTHER, -4))).isEqualTo(-4L);
        assertThat(balances.awaitApplied(3)).containsExactlyInAnyOrder(-1L, -2L, -4L);
    }

    @Test
    void aBatchRefusedAsAWholeIsAppliedOneChangeAtATime() throws Exception {
        start(1, 100, 100);
        balances.refuseBatchesWith(new UserNotFound(HOT));
        AccountQueues.Waiting first = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> batch =
                List.of(submit(HOT, -2), submit(HOT, -3), submit(HOT, -4));

        balances.letGo();

        assertThat(bodyOf(first)).isEqualTo(-1L);
        assertThat(batch).extracting(AccountQueuesTest::bodyOf).containsExactly(-2L, -3L, -4L);
        assertThat(balances.alone).containsExactly(-2L, -3L, -4L);
    }

    @Test
    void aBatchThatFailsOtherwiseFailsEveryChangeOfItWithThatFailure() throws Exception {
        start(1, 100, 100);
        IllegalStateException lost = new IllegalStateException("database lost");
        balances.failBatchesWith(lost);
        AccountQueues.Waiting first = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> batch = List.of(submit(HOT, -2), submit(HOT, -3));

        balances.letGo();

        answerOf(first);
        assertThat(batch).allSatisfy(change -> assertThat(failureOf(change)).isSameAs(lost));
        assertThat(balances.alone).isEmpty();
    }

    @Test
    void atShutdownTheBatchInFlightIsAnsweredItsOutcomeAndTheQueuedOnesNotApplied()
            throws Exception {
        start(1, 100, 100);
        AccountQueues.Waiting inFlight = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> queued = List.of(submit(HOT, -2), submit(OTHER, -3));

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(queues::stopLanes);
        for (AccountQueues.Waiting change : queued) {
            assertThat(failureOf(change)).isInstanceOf(ShuttingDown.class);
        }
        assertThat(inFlight.answer()).isNotDone();
        assertThat(stopped).isNotDone();

        balances.letGo();

        assertThat(bodyOf(inFlight)).isEqualTo(-1L);
        stopped.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(balances.applied()).containsExactly(-1L);
    }

    @Test
    void aChangeSubmittedAfterShutdownIsRefusedNotQueued() {
        start(1, 100, 100);
        queues.stopLanes();

        assertThatThrownBy(() -> submit(HOT, -1)).isInstanceOf(ShuttingDown.class);
        assertThat(balances.applied()).isEmpty();
    }

    @Test
    void aQueuedChangeThatTimesOutIsTakenOutAndAnsweredNotApplied() throws Exception {
        start(1, 100, 100);
        AccountQueues.Waiting inFlight = submitHeld(HOT, -1);
        AccountQueues.Waiting late = submit(HOT, -2);
        AccountQueues.Waiting next = submit(HOT, -3);

        queues.timeOut(HOT, late);
        balances.letGo();

        assertThat(failureOf(late)).isInstanceOf(ServiceOverloaded.class);
        assertThat(bodyOf(inFlight)).isEqualTo(-1L);
        assertThat(bodyOf(next)).isEqualTo(-3L);
        assertThat(balances.applied()).containsExactly(-1L, -3L);
    }

    @Test
    void aChangeInFlightThatTimesOutIsAnsweredCommitOutcomeUnknown() throws Exception {
        start(1, 100, 100);
        AccountQueues.Waiting inFlight = submitHeld(HOT, -1);

        queues.timeOut(HOT, inFlight);

        assertThat(failureOf(inFlight)).isInstanceOf(CommitOutcomeUnknown.class);
        balances.letGo();
        assertThat(balances.awaitApplied(1)).containsExactly(-1L);
    }

    @Test
    void aHotAccountGoesToTheBackOfTheLineAfterEachBatch() throws Exception {
        start(1, 100, 1000);
        AccountQueues.Waiting first = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> hot =
                IntStream.range(0, 250).mapToObj(i -> submit(HOT, -2)).toList();
        AccountQueues.Waiting other = submit(OTHER, -3);

        balances.letGo();

        answerOf(first);
        answerOf(other);
        hot.forEach(AccountQueuesTest::answerOf);
        assertThat(balances.transactions)
                .containsExactly(
                        List.of(new Batch(HOT, 1)),
                        List.of(new Batch(OTHER, 1), new Batch(HOT, 99)),
                        List.of(new Batch(HOT, 100)),
                        List.of(new Batch(HOT, 51)));
    }

    @Test
    void accountsReadyTogetherAreAppliedInOneTransactionUpToTheBoundOfChanges() throws Exception {
        start(1, 5, 100);
        AccountQueues.Waiting first = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> spread =
                LongStream.rangeClosed(2, 8)
                        .mapToObj(user -> submit(new UserId(user), -user))
                        .toList();
        AccountQueues.Waiting more = submit(new UserId(2), -9);

        balances.letGo();

        answerOf(first);
        assertThat(spread)
                .extracting(AccountQueuesTest::bodyOf)
                .containsExactly(-2L, -3L, -4L, -5L, -6L, -7L, -8L);
        assertThat(bodyOf(more)).isEqualTo(-9L);
        assertThat(balances.transactions)
                .containsExactly(
                        List.of(new Batch(HOT, 1)),
                        List.of(
                                new Batch(new UserId(2), 2),
                                new Batch(new UserId(3), 1),
                                new Batch(new UserId(4), 1),
                                new Batch(new UserId(5), 1)),
                        List.of(
                                new Batch(new UserId(6), 1),
                                new Batch(new UserId(7), 1),
                                new Batch(new UserId(8), 1)));
    }

    @Test
    void aGroupRefusedAsAWholeIsAppliedOneAccountAtATimeThenOneChangeAtATime() throws Exception {
        start(1, 100, 100);
        balances.refuseBatchesWith(new UserNotFound(OTHER));
        AccountQueues.Waiting first = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> group =
                List.of(submit(OTHER, -2), submit(OTHER, -3), submit(new UserId(3), -4));

        balances.letGo();

        answerOf(first);
        assertThat(group).extracting(AccountQueuesTest::bodyOf).containsExactly(-2L, -3L, -4L);
        assertThat(balances.alone).containsExactly(-2L, -3L);
        assertThat(balances.transactions)
                .containsExactly(
                        List.of(new Batch(HOT, 1)),
                        List.of(new Batch(OTHER, 2), new Batch(new UserId(3), 1)),
                        List.of(new Batch(OTHER, 2)),
                        List.of(new Batch(new UserId(3), 1)));
    }

    @Test
    void aGroupThatOneDatabaseNodeFailedIsAppliedOneAccountAtATime() throws Exception {
        start(1, 100, 100);
        balances.failBatchesWith(
                new IllegalStateException(
                        new SQLException("connection to the node lost", "08006")));
        List<AccountQueues.Waiting> group = twoAccountsGroupedBehindAHeldChange();

        assertThat(group).extracting(AccountQueuesTest::bodyOf).containsExactly(-2L, -3L);
        assertThat(balances.transactions)
                .containsExactly(
                        List.of(new Batch(HOT, 1)),
                        List.of(new Batch(OTHER, 1), new Batch(new UserId(3), 1)),
                        List.of(new Batch(OTHER, 1)),
                        List.of(new Batch(new UserId(3), 1)));
    }

    @Test
    void aGroupThatGotNoConnectionFailsWhole() throws Exception {
        start(1, 100, 100);
        IllegalStateException refused =
                new IllegalStateException(new SQLException("connection refused", "08001"));
        balances.failBatchesWith(refused);
        List<AccountQueues.Waiting> group = twoAccountsGroupedBehindAHeldChange();

        assertThat(group).allSatisfy(change -> assertThat(failureOf(change)).isSameAs(refused));
        assertThat(balances.transactions).hasSize(2);
    }

    /**
     * Holds the lane on HOT's change, queues OTHER's -2 and user 3's -3 behind it (the next group),
     * lets go, and returns the group's two changes once HOT's is answered.
     */
    private List<AccountQueues.Waiting> twoAccountsGroupedBehindAHeldChange() throws Exception {
        AccountQueues.Waiting first = submitHeld(HOT, -1);
        List<AccountQueues.Waiting> group = List.of(submit(OTHER, -2), submit(new UserId(3), -3));
        balances.letGo();
        answerOf(first);
        return group;
    }

    private void start(int lanes, int batchMaxSize, int maxWaiting) {
        queues = new AccountQueues();
        queues.transactions = balances;
        queues.outcomes = new NoOutcomes();
        queues.threads = new PlainThreads();
        queues.lanes = lanes;
        queues.batchMaxSize = batchMaxSize;
        queues.maxWaiting = maxWaiting;
        queues.answerTimeout = Duration.ofSeconds(WAIT_SECONDS);
        queues.startLanes();
    }

    /** Submits a change and waits until its batch is in flight, held until {@code letGo}. */
    private AccountQueues.Waiting submitHeld(UserRef user, long amount) throws Exception {
        AccountQueues.Waiting change = submit(user, amount);
        assertThat(balances.inFlight.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return change;
    }

    private AccountQueues.Waiting submit(UserRef user, long amount) {
        return queues.submit(
                user, new BalanceChange(amount, Optional.of(new IdempotencyKey("k" + amount))));
    }

    private static Answer<?> answerOf(AccountQueues.Waiting change) {
        return change.answer().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    private static Object bodyOf(AccountQueues.Waiting change) {
        return ((Answer.Applied<?>) answerOf(change)).body();
    }

    private static Throwable failureOf(AccountQueues.Waiting change) {
        try {
            change.answer().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        } catch (CompletionException failed) {
            return failed.getCause();
        }
        throw new AssertionError("answered, not failed");
    }

    private record Batch(UserRef user, int size) {}

    /**
     * Answers each change with its amount; holds the first batch until {@link #letGo}; refuses or
     * fails batches of more than one change when told to.
     */
    private static final class FakeBalances implements BatchTransactions {

        final CountDownLatch inFlight = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<List<Batch>> transactions = Collections.synchronizedList(new ArrayList<>());
        final List<Long> alone = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> applied = Collections.synchronizedList(new ArrayList<>());
        private volatile RuntimeException batchFailure;

        void letGo() {
            gate.countDown();
        }

        void refuseBatchesWith(ProblemException refusal) {
            batchFailure = refusal;
        }

        void failBatchesWith(RuntimeException failure) {
            batchFailure = failure;
        }

        List<Long> applied() {
            synchronized (applied) {
                return List.copyOf(applied);
            }
        }

        List<Long> awaitApplied(int count) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (applied().size() < count && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            return applied();
        }

        @Override
        public List<List<Answer<Long>>> changeTogether(List<AccountBatch> group) {
            transactions.add(
                    group.stream()
                            .map(batch -> new Batch(batch.user(), batch.changes().size()))
                            .toList());
            inFlight.countDown();
            try {
                gate.await();
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
            int changes = group.stream().mapToInt(batch -> batch.changes().size()).sum();
            if (batchFailure != null && changes > 1) {
                throw batchFailure;
            }
            return group.stream()
                    .map(
                            batch ->
                                    batch.changes().stream()
                                            .map(
                                                    change -> {
                                                        applied.add(change.amount());
                                                        return Answer.ok(change.amount());
                                                    })
                                            .toList())
                    .toList();
        }

        @Override
        public Answer<Long> change(UserRef user, BalanceChange change) {
            alone.add(change.amount());
            applied.add(change.amount());
            return Answer.ok(change.amount());
        }
    }

    private static final class NoOutcomes extends MoneyOutcomes {
        @Override
        public void batched(int size) {}
    }

    private static final class PlainThreads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable work) {
            return new Thread(work);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }
}

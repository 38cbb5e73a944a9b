package coffer.balance.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.balance.control.BalanceChange;
import coffer.idempotency.control.Answer;
import coffer.ledger.entity.UserId;
import coffer.testing.InsideCoffer;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The balance transaction boundary inside the server, driven harder than HTTP can: many threads
 * changing balances at once, each change checked against the outcome it must have. The threads come
 * from the container's {@link ManagedThreadFactory}, so each call runs with the application's
 * context as a request's would: {@link #THREADS} of them, each taking the next change until none is
 * left. (The default managed executor would not do: with no core threads and an unbounded queue it
 * runs its tasks one at a time, and the race this test exists for would never happen.)
 */
@InsideCoffer
class BalancesIT {

    private static final int THREADS = 16;
    private static final int CHANGES = 40_000;

    @Inject Balances balances;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    @Resource ManagedThreadFactory threads;

    /**
     * Half the debits go to a user who can always pay, half to one who never can, interleaved, so
     * that the same conditional UPDATE runs concurrently with one row and with none as its result.
     * A change told another's outcome (EclipseLink once shared that count between threads, see
     * {@code coffer.BulkUpdates}) would answer wrongly and leave a balance without its entry, or an
     * entry without its change.
     */
    @Test
    void everyConcurrentChangeGetsItsOwnOutcome() throws Exception {
        long payer = open(CHANGES);
        long broke = open(0);

        List<Integer> statuses = inParallel(i -> debitOne(i % 2 == 0 ? payer : broke));

        Map<Boolean, Map<Integer, Long>> byUser =
                IntStream.range(0, CHANGES)
                        .boxed()
                        .collect(
                                Collectors.partitioningBy(
                                        i -> i % 2 == 0,
                                        Collectors.groupingBy(
                                                statuses::get, Collectors.counting())));
        assertThat(byUser.get(true)).containsExactlyEntriesOf(Map.of(200, (long) CHANGES / 2));
        assertThat(byUser.get(false)).containsExactlyEntriesOf(Map.of(400, (long) CHANGES / 2));
        assertThat(balanceAndLedgerSum(payer)).containsExactly(CHANGES / 2L, CHANGES / 2L);
        assertThat(balanceAndLedgerSum(broke)).containsExactly(0L, 0L);
    }

    private int debitOne(long user) {
        return balances.change(new UserId(user), new BalanceChange(-1, Optional.empty())).status();
    }

    private long open(long balance) {
        Answer<UserBalance> opened = balances.open(balance, Optional.empty(), Optional.empty());
        String location = ((Answer.Applied<UserBalance>) opened).location();
        return Long.parseLong(location.substring("/users/".length()));
    }

    /** Runs {@code change} for 0 to {@link #CHANGES} - 1 on {@link #THREADS} threads at once. */
    private List<Integer> inParallel(Function<Integer, Integer> change) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Integer[] statuses = new Integer[CHANGES];
        List<Thread> workers =
                IntStream.range(0, THREADS)
                        .mapToObj(
                                worker ->
                                        threads.newThread(
                                                () -> {
                                                    for (int i = next.getAndIncrement();
                                                            i < CHANGES;
                                                            i = next.getAndIncrement()) {
                                                        statuses[i] = change.apply(i);
                                                    }
                                                }))
                        .toList();
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(statuses).as("changes whose call threw").doesNotContainNull();
        return Arrays.asList(statuses);
    }

    private List<Long> balanceAndLedgerSum(long user) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(
                                """
                        SELECT balance, (SELECT COALESCE(sum(amount), 0) FROM ledger_entries
                                         WHERE user_id = users.id)
                        FROM users WHERE id = ?""")) {
            query.setLong(1, user);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(row.getLong(1), row.getLong(2));
            }
        }
    }
}

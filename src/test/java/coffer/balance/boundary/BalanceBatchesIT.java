package coffer.balance.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.balance.control.AccountBatch;
import coffer.balance.control.BalanceChange;
import coffer.idempotency.control.Answer;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.boundary.AccrualRequest;
import coffer.ledger.boundary.Points;
import coffer.ledger.entity.UserId;
import coffer.problems.entity.Problem;
import coffer.testing.InsideCoffer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Groups of batches inside the server, against a model that applies them one at a time: each group
 * one transaction over one to five users (in random order), each user's batch a random mix of
 * credits and debits (a fixed seed), some with keys, keys repeated within a batch and across
 * batches and used by several users of one group (each user is its own scope), some users holding
 * live and expired lots. Every decision, every answered balance and every replay must be the
 * model's, and the books must add up.
 */
@InsideCoffer
class BalanceBatchesIT {

    private static final int USERS = 150;
    private static final int ROUNDS = 4;

    @Inject Balances balances;

    @Inject Points points;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    @Test
    void everyChangeOfAGroupIsDecidedAndAnsweredAsIfAppliedAlone() throws SQLException {
        Random random = new Random(20261201);
        Map<UserId, Model> models = new LinkedHashMap<>();
        for (int u = 0; u < USERS; u++) {
            Model model = new Model(random.nextInt(300));
            UserId user = open(model.book);
            if (u % 3 == 0) {
                holdLots(user, model, random);
            }
            models.put(user, model);
        }
        int checked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<UserId> users = new ArrayList<>(models.keySet());
            Collections.shuffle(users, random);
            for (int from = 0; from < users.size(); ) {
                List<UserId> group =
                        users.subList(from, Math.min(users.size(), from + 1 + random.nextInt(5)));
                from += group.size();
                List<AccountBatch> batches =
                        group.stream()
                                .map(user -> new AccountBatch(user, randomBatch(random)))
                                .toList();
                List<List<Answer<UserBalance>>> answers = balances.changeTogether(batches);
                for (int b = 0; b < batches.size(); b++) {
                    List<BalanceChange> changes = batches.get(b).changes();
                    for (int i = 0; i < changes.size(); i++) {
                        Answer<UserBalance> expected =
                                models.get(group.get(b)).apply(changes.get(i));
                        assertThat(summary(answers.get(b).get(i)))
                                .as("user %s, change %d of %s", group.get(b), i, changes)
                                .isEqualTo(summary(expected));
                        checked++;
                    }
                }
            }
        }
        for (Map.Entry<UserId, Model> user : models.entrySet()) {
            long book = user.getValue().book;
            assertThat(bookAndLedgerSum(user.getKey())).containsExactly(book, book);
        }
        assertThat(checked).isGreaterThan(USERS * ROUNDS * 20);
    }

    /**
     * Groups over the same ten users, each listing them in its own random order, from eight threads
     * at once, keys shared between the threads: PostgreSQL would abort one of two groups that lock
     * rows or keys in opposite orders (a deadlock), and the test with it. Every credit of 1 applies
     * once per key and once per keyless request.
     */
    @Test
    void concurrentGroupsOverTheSameAccountsNeitherDeadlockNorLoseAChange() throws Exception {
        List<UserId> users = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            users.add(open(1000));
        }
        Map<UserId, Set<String>> keysSent = new ConcurrentHashMap<>();
        Map<UserId, AtomicLong> keyless = new ConcurrentHashMap<>();
        users.forEach(
                user -> {
                    keysSent.put(user, ConcurrentHashMap.newKeySet());
                    keyless.put(user, new AtomicLong());
                });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Random random = new Random(t);
                done.add(
                        threads.submit(
                                () -> {
                                    changeInRandomGroups(users, random, keysSent, keyless);
                                    return null;
                                }));
            }
            for (Future<?> group : done) {
                group.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        for (UserId user : users) {
            long expected = 1000 + keysSent.get(user).size() + keyless.get(user).get();
            assertThat(bookAndLedgerSum(user))
                    .as("user %s", user)
                    .containsExactly(expected, expected);
        }
    }

    private void changeInRandomGroups(
            List<UserId> users,
            Random random,
            Map<UserId, Set<String>> keysSent,
            Map<UserId, AtomicLong> keyless) {
        for (int round = 0; round < 40; round++) {
            List<UserId> group = new ArrayList<>(users);
            Collections.shuffle(group, random);
            List<AccountBatch> batches = new ArrayList<>();
            for (UserId user : group.subList(0, 2 + random.nextInt(8))) {
                batches.add(
                        new AccountBatch(
                                user,
                                credits(random, round, keysSent.get(user), keyless.get(user))));
            }
            balances.changeTogether(batches);
        }
    }

    /**
     * Credits of 1, most under one of a few keys new in each round, so that threads in the same
     * round claim the same new keys at the same time.
     */
    private static List<BalanceChange> credits(
            Random random, int round, Set<String> keysSent, AtomicLong keyless) {
        List<BalanceChange> changes = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            if (random.nextInt(4) == 0) {
                keyless.incrementAndGet();
                changes.add(new BalanceChange(1, Optional.empty()));
            } else {
                String key = "round-" + round + "-" + random.nextInt(3);
                keysSent.add(key);
                changes.add(new BalanceChange(1, Optional.of(new IdempotencyKey(key))));
            }
        }
        return changes;
    }

    private List<BalanceChange> randomBatch(Random random) {
        int size = 1 + random.nextInt(random.nextBoolean() ? 8 : 100);
        List<BalanceChange> changes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long amount = random.nextInt(4) == 0 ? 1 + random.nextInt(60) : -1 - random.nextInt(60);
            Optional<IdempotencyKey> key =
                    random.nextInt(5) == 0
                            ? Optional.of(new IdempotencyKey("k" + random.nextInt(12)))
                            : Optional.empty();
            changes.add(new BalanceChange(amount, key));
        }
        return changes;
    }

    /** A live lot and an expired one: the expired points no longer count as available. */
    private void holdLots(UserId user, Model model, Random random) throws SQLException {
        long live = 1 + random.nextInt(100);
        long expired = 1 + random.nextInt(100);
        OffsetDateTime later = OffsetDateTime.now().plusDays(1);
        points.accrue(
                user,
                new AccrualRequest(live, Optional.of(later), Optional.empty()),
                Optional.empty());
        points.accrue(
                user,
                new AccrualRequest(expired, Optional.of(later.plusDays(1)), Optional.empty()),
                Optional.empty());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement expire =
                        connection.prepareStatement(
                                "UPDATE accruals SET"
                                        + " expires_at = clock_timestamp() WHERE user_id = ? AND amount = ?"
                                        + " AND expires_at > now() + interval '30 hours'")) {
            expire.setLong(1, user.value());
            expire.setLong(2, expired);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        model.book += live + expired;
        model.expired = expired;
    }

    private UserId open(long balance) {
        Answer<UserBalance> opened = balances.open(balance, Optional.empty(), Optional.empty());
        String location = ((Answer.Applied<UserBalance>) opened).location();
        return new UserId(Long.parseLong(location.substring("/users/".length())));
    }

    /** What a client can tell of an answer: status, replay, type and balance. */
    private static String summary(Answer<UserBalance> answer) {
        String outcome =
                answer instanceof Answer.Refused<UserBalance> refused
                        ? refused.problem().type()
                                + " "
                                + refused.problem().extensions().get("balance")
                        : " " + ((Answer.Applied<UserBalance>) answer).body().balance();
        return answer.status() + (answer.replayed() ? " replayed " : " ") + outcome;
    }

    private List<Long> bookAndLedgerSum(UserId user) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement(
                                """
                        SELECT balance, (SELECT COALESCE(sum(amount), 0) FROM ledger_entries
                                         WHERE user_id = users.id)
                        FROM users WHERE id = ?""")) {
            query.setLong(1, user.value());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(row.getLong(1), row.getLong(2));
            }
        }
    }

    /** One user's books, one change at a time, as the rules say. */
    static final class Model {

        long book;
        long expired;
        private final Map<IdempotencyKey, BalanceChange> keyed = new HashMap<>();
        private final Map<IdempotencyKey, Answer<UserBalance>> answered = new HashMap<>();

        Model(long opening) {
            book = opening;
        }

        Answer<UserBalance> apply(BalanceChange change) {
            if (change.key().isPresent()) {
                IdempotencyKey key = change.key().get();
                if (keyed.containsKey(key)) {
                    return keyed.get(key).amount() == change.amount()
                            ? answered.get(key).asReplay()
                            : problem(409, "idempotency-key-reused", null);
                }
                keyed.put(key, change);
                answered.put(key, decide(change.amount()));
                return answered.get(key);
            }
            return decide(change.amount());
        }

        private Answer<UserBalance> decide(long amount) {
            long available = book - expired;
            if (amount < 0 && available < -amount) {
                return problem(400, "insufficient-funds", available);
            }
            book += amount;
            return Answer.ok(new UserBalance(null, null, book - expired));
        }

        private static Answer<UserBalance> problem(int status, String type, Long balance) {
            Problem problem = new Problem(status, type, type, type);
            return new Answer.Refused<>(
                    balance == null ? problem : problem.with("balance", balance), false);
        }
    }
}

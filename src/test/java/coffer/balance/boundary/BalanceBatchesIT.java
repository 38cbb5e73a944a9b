package coffer.balance.boundary;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Batches of one user's changes inside the server, against a model that applies them one at a time:
 * random mixes of credits and debits (a fixed seed), some with keys, keys repeated within a batch
 * and across batches, some users holding live and expired lots. Every decision, every answered
 * balance and every replay must be the model's, and the books must add up.
 */
@InsideCoffer
class BalanceBatchesIT {

    private static final int USERS = 150;

    @Inject Balances balances;

    @Inject Points points;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    @Test
    void everyChangeOfABatchIsDecidedAndAnsweredAsIfAppliedAlone() throws SQLException {
        Random random = new Random(20261201);
        int checked = 0;
        for (int u = 0; u < USERS; u++) {
            Model model = new Model(random.nextInt(300));
            UserId user = open(model.book);
            if (u % 3 == 0) {
                holdLots(user, model, random);
            }
            for (int batch = 0; batch < 4; batch++) {
                List<BalanceChange> changes = randomBatch(random, u);
                List<Answer<UserBalance>> answers = balances.changeInOrder(user, changes);
                for (int i = 0; i < changes.size(); i++) {
                    Answer<UserBalance> expected = model.apply(changes.get(i));
                    assertThat(summary(answers.get(i)))
                            .as("user %s, change %d of %s", user, i, changes)
                            .isEqualTo(summary(expected));
                    checked++;
                }
            }
            assertThat(bookAndLedgerSum(user)).containsExactly(model.book, model.book);
        }
        assertThat(checked).isGreaterThan(USERS * 4 * 20);
    }

    private List<BalanceChange> randomBatch(Random random, int user) {
        int size = 1 + random.nextInt(random.nextBoolean() ? 8 : 100);
        List<BalanceChange> changes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long amount = random.nextInt(4) == 0 ? 1 + random.nextInt(60) : -1 - random.nextInt(60);
            Optional<IdempotencyKey> key =
                    random.nextInt(5) == 0
                            ? Optional.of(
                                    new IdempotencyKey("u" + user + "-k" + random.nextInt(12)))
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

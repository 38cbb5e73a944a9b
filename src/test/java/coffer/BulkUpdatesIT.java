package coffer;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.balance.boundary.Balances;
import coffer.idempotency.control.Answer;
import coffer.ledger.entity.User;
import coffer.testing.InsideCoffer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.Field;
import java.util.Optional;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.queries.ModifyAllQuery;
import org.eclipse.persistence.sessions.Session;
import org.junit.jupiter.api.Test;

/**
 * Why {@link BulkUpdates} exists, against the EclipseLink the server ships: the session keeps one
 * query object per named update, shared by every thread, and an execution on it leaves its row
 * count in that object's {@code result} field, where a thread running the same update at the same
 * moment can read it as its own ({@code BalancesIT} shows the race under load; this shows its cause
 * deterministically). Through {@link BulkUpdates} the statement runs on a copy, so the shared
 * object never holds a count.
 */
@InsideCoffer
class BulkUpdatesIT {

    @PersistenceContext EntityManager entityManager;

    @Resource UserTransaction transaction;

    @Inject Balances balances;

    @Test
    void aNamedUpdateLeavesItsRowCountInACopyNotInTheQueryAllThreadsShare() throws Exception {
        String opened =
                ((Answer.Applied<?>) balances.open(5, Optional.empty(), Optional.empty()))
                        .location();
        long user = Long.parseLong(opened.substring("/users/".length()));

        transaction.begin();
        try {
            DatabaseQuery shared = entityManager.unwrap(Session.class).getQuery(User.LOCK);
            assertThat(shared).isInstanceOf(ModifyAllQuery.class);

            boolean locked =
                    BulkUpdates.named(entityManager, User.LOCK)
                            .setParameter("id", user)
                            .atMostOne();

            assertThat(locked).isTrue();
            assertThat(rowCountHeldBy(shared)).as("the shared query's row count").isNull();
        } finally {
            transaction.rollback();
        }
    }

    /** {@code ModifyAllQuery.result}, where EclipseLink 4.0 keeps an execution's row count. */
    private static Object rowCountHeldBy(DatabaseQuery query) throws ReflectiveOperationException {
        Field result = ModifyAllQuery.class.getDeclaredField("result");
        result.setAccessible(true);
        return result.get(query);
    }
}

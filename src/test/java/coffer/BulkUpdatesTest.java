package coffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class BulkUpdatesTest {

    @Test
    void exactlyOneAcceptsOneRowOnly() {
        update(1).exactlyOne();
        assertThatIllegalStateException()
                .isThrownBy(() -> update(0).exactlyOne())
                .withMessage("User.writeOff {id=7} changed 0 rows where exactly 1 was expected");
        assertThatIllegalStateException()
                .isThrownBy(() -> update(2).exactlyOne())
                .withMessage("User.writeOff {id=7} changed 2 rows where exactly 1 was expected");
    }

    @Test
    void atMostOneTellsWhetherTheConditionHeld() {
        assertThat(update(1).atMostOne()).isTrue();
        assertThat(update(0).atMostOne()).isFalse();
        assertThatIllegalStateException()
                .isThrownBy(() -> update(2).atMostOne())
                .withMessage("User.writeOff {id=7} changed 2 rows where at most 1 was expected");
    }

    @Test
    void anyNumberIsTheCount() {
        assertThat(update(0).anyNumber()).isZero();
        assertThat(update(42).anyNumber()).isEqualTo(42);
    }

    /** User.writeOff with id 7, as if the database reported the given row count. */
    private static BulkUpdates update(int rows) {
        Query query =
                (Query)
                        Proxy.newProxyInstance(
                                BulkUpdatesTest.class.getClassLoader(),
                                new Class<?>[] {Query.class},
                                (self, method, args) ->
                                        switch (method.getName()) {
                                            case "executeUpdate" -> rows;
                                            case "setParameter", "setFlushMode" -> self;
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            method.getName());
                                        });
        EntityManager entityManager =
                (EntityManager)
                        Proxy.newProxyInstance(
                                BulkUpdatesTest.class.getClassLoader(),
                                new Class<?>[] {EntityManager.class},
                                (self, method, args) -> {
                                    if (method.getName().equals("createNamedQuery")
                                            && args.length == 1) {
                                        return query;
                                    }
                                    throw new UnsupportedOperationException(method.getName());
                                });
        return BulkUpdates.named(entityManager, "User.writeOff").setParameter("id", 7L);
    }
}

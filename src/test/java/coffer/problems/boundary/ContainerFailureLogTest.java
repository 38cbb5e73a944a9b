package coffer.problems.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the real container logger (by name), holding a filter of "another application" that refuses
 * records whose message is {@code other's}, to see that it is chained to and given back.
 */
class ContainerFailureLogTest {

    private final Logger container = Logger.getLogger(ContainerFailureLog.CONTAINER_LOGGER);
    private final Filter others = record -> !"other's".equals(record.getMessage());
    private Filter before;

    @BeforeEach
    void installAnotherFilter() {
        before = container.getFilter();
        container.setFilter(others);
    }

    @AfterEach
    void putBackWhatWasThere() {
        container.setFilter(before);
    }

    @Test
    void dropsTheContainersCopyOfACofferBeansFailureOnly() throws Exception {
        ContainerFailureLog log = new ContainerFailureLog();
        log.dropDuplicates();
        Filter filter = container.getFilter();

        assertThat(filter.isLoggable(systemException(cofferMethod()))).isFalse();
        assertThat(filter.isLoggable(systemException(String.class.getMethod("length"))))
                .as("another application's bean")
                .isTrue();
        assertThat(filter.isLoggable(record("AS-EJB-00001"))).isTrue();
        assertThat(filter.isLoggable(record("other's"))).as("the previous filter still").isFalse();
    }

    @Test
    void undeployGivesThePreviousFilterBack() throws Exception {
        ContainerFailureLog log = new ContainerFailureLog();
        log.dropDuplicates();

        log.restore();

        assertThat(container.getFilter()).isSameAs(others);
    }

    @Test
    void chainedBehindAnotherFilterItLetsEverythingThroughOnceUndeployed() throws Exception {
        ContainerFailureLog log = new ContainerFailureLog();
        log.dropDuplicates();
        Filter ours = container.getFilter();
        Filter later = ours::isLoggable;
        container.setFilter(later);

        log.restore();

        assertThat(container.getFilter()).isSameAs(later);
        assertThat(later.isLoggable(systemException(cofferMethod()))).isTrue();
        assertThat(later.isLoggable(record("other's"))).isFalse();
    }

    private static Method cofferMethod() throws NoSuchMethodException {
        return ContainerFailureLog.class.getDeclaredMethod("restore");
    }

    /** The record the container writes for a system exception of {@code method}. */
    private static LogRecord systemException(Method method) {
        LogRecord record = record(ContainerFailureLog.SYSTEM_EXCEPTION);
        record.setParameters(new Object[] {"Balances", method});
        return record;
    }

    private static LogRecord record(String message) {
        return new LogRecord(Level.WARNING, message);
    }
}

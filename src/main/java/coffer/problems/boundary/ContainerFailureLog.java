package coffer.problems.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.lang.reflect.Method;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the EJB container from logging, a second time and without the incident id, a failure that
 * {@link UnexpectedExceptionMapper} logs under its incident: the container writes every system
 * exception of a bean method (message AS-EJB-00056, with the stack trace) before the exception
 * reaches the mapper. Only that message is dropped, and only for Coffer's own beans; the
 * container's other messages, and every other application's, still pass.
 *
 * <p>The container logs through one logger shared by all applications, so a filter on it is the
 * only place to drop the message; it is scoped to Coffer by the bean method the message names, and
 * it keeps whatever filter the logger had: a record this one lets through still has to pass that
 * one. On undeployment the logger gets its previous filter back; if something has put a filter of
 * its own in front meanwhile, this one stays in that chain but lets every record through to the
 * previous filter, so nothing of Coffer outlives it.
 */
@Startup
@Singleton
public class ContainerFailureLog {

    static final String CONTAINER_LOGGER = "jakarta.enterprise.ejb.container";
    static final String SYSTEM_EXCEPTION = "AS-EJB-00056";

    /** Held, since the log manager keeps loggers only weakly. */
    private Logger container;

    private CofferDuplicates filter;

    @PostConstruct
    void dropDuplicates() {
        container = Logger.getLogger(CONTAINER_LOGGER);
        filter =
                new CofferDuplicates(
                        container.getFilter(), ContainerFailureLog.class.getClassLoader());
        container.setFilter(filter);
    }

    @PreDestroy
    void restore() {
        filter.retire();
        if (container.getFilter() == filter) {
            container.setFilter(filter.previous);
        }
    }

    /** Drops AS-EJB-00056 for the methods of Coffer's classes; asks the previous filter else. */
    static final class CofferDuplicates implements Filter {

        final Filter previous;
        private final ClassLoader coffer;
        private volatile boolean retired;

        CofferDuplicates(Filter previous, ClassLoader coffer) {
            this.previous = previous;
            this.coffer = coffer;
        }

        void retire() {
            retired = true;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (!retired && isCofferDuplicate(record)) {
                return false;
            }
            return previous == null || previous.isLoggable(record);
        }

        /** The container's parameters are the bean's name and the method that failed. */
        private boolean isCofferDuplicate(LogRecord record) {
            Object[] parameters = record.getParameters();
            return SYSTEM_EXCEPTION.equals(record.getMessage())
                    && parameters != null
                    && parameters.length == 2
                    && parameters[1] instanceof Method method
                    && method.getDeclaringClass().getClassLoader() == coffer;
        }
    }
}

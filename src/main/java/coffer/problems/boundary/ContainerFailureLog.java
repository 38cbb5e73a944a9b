package coffer.problems.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/**
 * Keeps the EJB container from logging, a second time and without the incident id, a failure that
 * {@link UnexpectedExceptionMapper} logs under its incident: the container writes every system
 * exception of a bean method (message AS-EJB-00056, with the stack trace) before the exception
 * reaches the mapper. Only that message is dropped; the container's other messages still pass.
 */
@Startup
@Singleton
public class ContainerFailureLog {

    static final String CONTAINER_LOGGER = "jakarta.enterprise.ejb.container";
    static final String SYSTEM_EXCEPTION = "AS-EJB-00056";

    /** Held, since the log manager keeps loggers only weakly. */
    private Logger container;

    @PostConstruct
    void dropDuplicates() {
        container = Logger.getLogger(CONTAINER_LOGGER);
        container.setFilter(record -> !SYSTEM_EXCEPTION.equals(record.getMessage()));
    }

    @PreDestroy
    void restore() {
        container.setFilter(null);
    }
}

package coffer.problems.boundary;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: whatever escaped everything else. The full story goes to the log under an
 * incident id; the client gets that id and nothing of the exception itself. A database that
 * cannot be reached (or a pool with no connection to spare) is a 503 the client may retry,
 * not a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    private static final String RETRY_AFTER_SECONDS = "1";

    @Context
    UriInfo request;

    @Override
    public Response toResponse(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        if (databaseUnavailable(exception)) {
            LOG.log(Level.WARNING, "Incident " + incident + ": database unavailable", exception);
            return Problems.response(503, "service-unavailable", "Service unavailable",
                    "The database cannot be reached right now; nothing was changed. Retry shortly"
                            + " (incident " + incident + ").",
                    Map.of("incident", incident), request)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        LOG.log(Level.SEVERE, "Incident " + incident + ": unexpected failure", exception);
        return Problems.response(500, "internal-error", "Internal error",
                "The request failed unexpectedly and was rolled back; it is logged as incident "
                        + incident + ".",
                Map.of("incident", incident), request).build();
    }

    /**
     * Connection failures (SQLState class 08), a server that refuses connections or is shutting
     * down (53, 57P) and transient driver or pool failures, anywhere in the cause chain.
     */
    static boolean databaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}

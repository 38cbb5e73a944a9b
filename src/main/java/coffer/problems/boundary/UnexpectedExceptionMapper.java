package coffer.problems.boundary;

import coffer.problems.control.DatabaseFailure;
import coffer.problems.entity.CommitOutcomeUnknown;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Level;

/**
 * The last line: whatever escaped everything else. The full story goes to the log under an incident
 * id; the client gets that id and nothing of the exception itself. A database that is away is a 503
 * the client may retry, never a 500: {@code service-unavailable} when nothing changed, {@code
 * commit-outcome-unknown} when the connection failed during the commit (see {@link DatabaseFailure}
 * for how the two are told apart).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final String RETRY_AFTER_SECONDS = "1";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Context UriInfo request;

    @Context HttpHeaders headers;

    @Override
    public Response toResponse(Throwable exception) {
        return switch (DatabaseFailure.of(exception)) {
            case UNAVAILABLE -> {
                String incident = Incidents.of(Level.WARNING, "database unavailable", exception);
                yield unavailable(
                        "service-unavailable",
                        "Service unavailable",
                        "The database cannot be reached right now; nothing was changed. Retry"
                                + " shortly (incident "
                                + incident
                                + ").",
                        incident);
            }
            case COMMIT_OUTCOME_UNKNOWN -> {
                String incident = Incidents.of(Level.WARNING, "commit outcome unknown", exception);
                yield unavailable(
                        CommitOutcomeUnknown.TYPE,
                        CommitOutcomeUnknown.TITLE,
                        "The database connection failed while this request was being committed,"
                                + " so it may or may not have been applied. "
                                + howToSettle()
                                + " (incident "
                                + incident
                                + ").",
                        incident);
            }
            case NONE -> {
                String incident = Incidents.of(Level.SEVERE, "unexpected failure", exception);
                yield Problems.response(
                                500,
                                "internal-error",
                                "Internal error",
                                "The request failed unexpectedly and was rolled back; it is logged as"
                                        + " incident "
                                        + incident
                                        + ".",
                                Map.of("incident", incident),
                                request)
                        .build();
            }
        };
    }

    private String howToSettle() {
        boolean keyed = headers != null && headers.getHeaderString(IDEMPOTENCY_KEY) != null;
        return keyed
                ? "Send the same request again with the same Idempotency-Key once the service"
                        + " answers: it is applied at most once, and the answer is its outcome"
                : "It carried no Idempotency-Key, so repeating it may apply it twice: read the"
                        + " balance or ledger first, and send a key with every change you may"
                        + " retry";
    }

    private Response unavailable(String type, String title, String detail, String incident) {
        return Problems.response(503, type, title, detail, Map.of("incident", incident), request)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}

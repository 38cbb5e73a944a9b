package coffer.problems.boundary;

import coffer.problems.control.ProblemDocuments;
import coffer.problems.entity.Problem;
import coffer.problems.entity.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the {@code application/problem+json} responses; the single place that does. The body is
 * the problem as a value, written by {@link ProblemWriter} when the response is sent.
 */
public final class Problems {

    public static final String MEDIA_TYPE = ProblemDocuments.MEDIA_TYPE;

    private Problems() {}

    public static Response of(ProblemException problem, UriInfo request) {
        return of(problem, Map.of(), request);
    }

    /** The same, with more members than the problem's own, such as an incident id. */
    public static Response of(ProblemException problem, Map<String, Object> more, UriInfo request) {
        Problem answered = problem.problem();
        for (Map.Entry<String, Object> member : more.entrySet()) {
            answered = answered.with(member.getKey(), member.getValue());
        }
        return answer(answered, pathOf(request)).build();
    }

    /**
     * The answer to the request at {@code path} (null: none known): the problem, naming that path
     * as its {@code instance}, and its {@code Retry-After} if it passes.
     */
    public static Response.ResponseBuilder answer(Problem problem, String path) {
        Problem answered = path == null ? problem : problem.at(path);
        Response.ResponseBuilder response =
                Response.status(answered.status()).type(MEDIA_TYPE).entity(answered);
        answered.retryAfterSeconds()
                .ifPresent(
                        seconds ->
                                response.header(
                                        HttpHeaders.RETRY_AFTER, Integer.toString(seconds)));
        return response;
    }

    public static Response.ResponseBuilder response(
            int status,
            String type,
            String title,
            String detail,
            Map<String, Object> extensions,
            UriInfo request) {
        return answer(
                new Problem(
                        status,
                        type,
                        title,
                        detail,
                        Optional.empty(),
                        extensions,
                        OptionalInt.empty()),
                pathOf(request));
    }

    private static String pathOf(UriInfo request) {
        return request == null ? null : request.getRequestUri().getRawPath();
    }
}

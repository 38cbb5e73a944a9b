package coffer.problems.boundary;

import coffer.problems.entity.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * The errors JAX-RS itself raises (no such route, wrong method, wrong content type ...) as problem
 * details. Their own messages are not passed on: each status gets a detail written for the client.
 * A {@link ProblemException} wrapped by the runtime, as when converting a path parameter fails, is
 * answered as itself.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context UriInfo request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return Problems.of(problem, request);
            }
        }
        Response original = exception.getResponse();
        int status = original.getStatus();
        Response.ResponseBuilder response =
                switch (status) {
                    case 400 ->
                            problem(
                                    status,
                                    "invalid-request",
                                    "Invalid request",
                                    "The request could not be read. Send a JSON object as described at /openapi.");
                    case 404 ->
                            problem(
                                    status,
                                    "not-found",
                                    "Not found",
                                    "Nothing is served at "
                                            + request.getRequestUri().getRawPath()
                                            + ". The routes are listed at /openapi.");
                    case 405 ->
                            problem(
                                            status,
                                            "method-not-allowed",
                                            "Method not allowed",
                                            "This route does not accept that method; the Allow header lists those it"
                                                    + " does.")
                                    .header(
                                            HttpHeaders.ALLOW,
                                            original.getHeaderString(HttpHeaders.ALLOW));
                    case 406 ->
                            problem(
                                    status,
                                    "not-acceptable",
                                    "Not acceptable",
                                    "Responses are application/json; accept that media type.");
                    case 415 ->
                            problem(
                                    status,
                                    "unsupported-media-type",
                                    "Unsupported media type",
                                    "Send the request body as application/json.");
                    default ->
                            problem(
                                    status,
                                    "http-" + status,
                                    reasonOf(original),
                                    "The request failed with HTTP status " + status + ".");
                };
        return response.build();
    }

    private Response.ResponseBuilder problem(int status, String type, String title, String detail) {
        return Problems.response(status, type, title, detail, Map.of(), request);
    }

    private static String reasonOf(Response response) {
        String reason = response.getStatusInfo().getReasonPhrase();
        return reason == null || reason.isBlank() ? "HTTP error" : reason;
    }
}

package coffer.idempotency.boundary;

import coffer.idempotency.control.Answer;
import coffer.problems.boundary.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Turns an answer into the response, once its transaction has committed: the one place that does
 * for every route whose facade returns an {@link Answer}. What belongs to the request rather than
 * to the answer (the path a problem names as its instance) comes from the resource; the bodies are
 * written by JAX-RS as the response is sent.
 */
public final class Answers {

    /** Header on an answer given again to a request that repeated an idempotency key. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private Answers() {}

    /** The response to the request at {@code path}, which a problem names as its instance. */
    public static Response toResponse(Answer<?> answer, String path) {
        Response.ResponseBuilder response =
                answer instanceof Answer.Refused<?> refused
                        ? Problems.answer(refused.problem(), path)
                        : applied((Answer.Applied<?>) answer);
        if (answer.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    private static Response.ResponseBuilder applied(Answer.Applied<?> applied) {
        Response.ResponseBuilder response = Response.status(applied.status());
        if (applied.body() != null) {
            response.type(MediaType.APPLICATION_JSON).entity(applied.body());
        }
        if (applied.location() != null) {
            response.location(URI.create(applied.location()));
        }
        return response;
    }
}

package coffer.idempotency.boundary;

import coffer.idempotency.entity.Answer;
import coffer.problems.boundary.Problems;
import coffer.problems.entity.ProblemException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Turns outcomes into the answers a client gets, in a form that can be kept under an idempotency
 * key and replayed: status, JSON text and Location. What belongs to the request rather than to the
 * answer (the path a problem occurred at, the headers) is added by {@link #toResponse}, which the
 * resources call.
 */
public final class Answers {

    /** Header on an answer given again to a request that repeated an idempotency key. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Jsonb JSON = JsonbBuilder.create();

    private Answers() {}

    public static Answer ok(Object body) {
        return Answer.of(200, JSON.toJson(body));
    }

    /** A 201 whose Location is relative to the service's root, e.g. {@code /users/7}. */
    public static Answer created(Object body, String location) {
        return new Answer(201, JSON.toJson(body), location, false);
    }

    /** A refusal, kept under the key like any answer. */
    public static Answer problem(ProblemException problem) {
        return Answer.of(problem.status(), Problems.json(problem, null));
    }

    /** The body of a JSON answer, read back into the type it was made from. */
    public static <T> T bodyOf(Answer answer, Class<T> type) {
        return JSON.fromJson(answer.body(), type);
    }

    /** The response to the request at {@code path}, which a problem names as its instance. */
    public static Response toResponse(Answer answer, String path) {
        boolean problem = answer.status() >= 400;
        Response.ResponseBuilder response =
                Response.status(answer.status())
                        .type(problem ? Problems.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                        .entity(problem ? Problems.at(answer.body(), path) : answer.body());
        if (answer.location() != null) {
            response.location(URI.create(answer.location()));
        }
        if (answer.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }
}

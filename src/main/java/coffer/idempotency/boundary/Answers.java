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
 * Turns results into the answers a client gets, in a form that can be kept under an
 * idempotency key and replayed: status, JSON text and Location.
 */
public final class Answers {

    /** Header on an answer given again to a request that repeated an idempotency key. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Jsonb JSON = JsonbBuilder.create();

    private Answers() {
    }

    public static Answer ok(Object body) {
        return Answer.of(200, JSON.toJson(body));
    }

    /** A 201 whose Location is relative to the service's root, e.g. {@code /users/7}. */
    public static Answer created(Object body, String location) {
        return new Answer(201, JSON.toJson(body), location, false);
    }

    public static Answer problem(ProblemException problem, String path) {
        return Answer.of(problem.status(), Problems.json(problem, path));
    }

    /** The body of a JSON answer, read back into the type it was made from. */
    public static <T> T bodyOf(Answer answer, Class<T> type) {
        return JSON.fromJson(answer.body(), type);
    }

    public static Response toResponse(Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(answer.status() >= 400 ? Problems.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (answer.location() != null) {
            response.location(URI.create(answer.location()));
        }
        if (answer.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }
}

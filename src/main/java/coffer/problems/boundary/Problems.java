package coffer.problems.boundary;

import coffer.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Builds the {@code application/problem+json} responses; the single place that does. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:coffer:problem:";

    private Problems() {
    }

    public static Response of(ProblemException problem, UriInfo request) {
        return response(problem.status(), problem.type(), problem.title(), problem.detail(),
                problem.extensions(), request).build();
    }

    public static Response.ResponseBuilder response(int status, String type, String title,
            String detail, Map<String, Object> extensions, UriInfo request) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", TYPE_PREFIX + type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (request != null) {
            body.add("instance", request.getRequestUri().getRawPath());
        }
        body.addAll(Json.createObjectBuilder(extensions));
        return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
    }
}

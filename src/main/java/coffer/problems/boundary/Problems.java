package coffer.problems.boundary;

import coffer.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Builds the {@code application/problem+json} responses; the single place that does. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:coffer:problem:";

    /** Created once: {@code Json.createObjectBuilder} looks the provider up on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private Problems() {
    }

    public static Response of(ProblemException problem, UriInfo request) {
        return response(problem.status(), problem.type(), problem.title(), problem.detail(),
                problem.extensions(), request).build();
    }

    /** The problem document for a problem met while answering the request at that path. */
    public static String json(ProblemException problem, String path) {
        return json(problem.status(), problem.type(), problem.title(), problem.detail(),
                problem.extensions(), path);
    }

    public static Response.ResponseBuilder response(int status, String type, String title,
            String detail, Map<String, Object> extensions, UriInfo request) {
        String path = request == null ? null : request.getRequestUri().getRawPath();
        return Response.status(status).type(MEDIA_TYPE)
                .entity(json(status, type, title, detail, extensions, path));
    }

    private static String json(int status, String type, String title, String detail,
            Map<String, Object> extensions, String path) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", TYPE_PREFIX + type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (path != null) {
            body.add("instance", path);
        }
        body.addAll(JSON.createObjectBuilder(extensions));
        return body.build().toString();
    }
}

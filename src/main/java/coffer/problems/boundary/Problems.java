package coffer.problems.boundary;

import coffer.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@code application/problem+json} responses; the single place that does. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:coffer:problem:";

    /** Created once: {@code Json.createObjectBuilder} looks the provider up on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private static final JsonReaderFactory READER = Json.createReaderFactory(Map.of());
    private static final String INSTANCE = "instance";

    private Problems() {}

    public static Response of(ProblemException problem, UriInfo request) {
        return of(problem, Map.of(), request);
    }

    /** The same, with more members than the problem's own, such as an incident id. */
    public static Response of(ProblemException problem, Map<String, Object> more, UriInfo request) {
        Map<String, Object> extensions = new LinkedHashMap<>(problem.extensions());
        extensions.putAll(more);
        Response.ResponseBuilder response =
                response(
                        problem.status(),
                        problem.type(),
                        problem.title(),
                        problem.detail(),
                        extensions,
                        request);
        problem.retryAfterSeconds()
                .ifPresent(
                        seconds ->
                                response.header(
                                        HttpHeaders.RETRY_AFTER, Integer.toString(seconds)));
        return response.build();
    }

    /** The problem document for a problem met while answering the request at that path. */
    public static String json(ProblemException problem, String path) {
        return json(
                problem.status(),
                problem.type(),
                problem.title(),
                problem.detail(),
                problem.extensions(),
                path);
    }

    /**
     * A problem document made without a request (one kept under an idempotency key), naming the
     * path of the request it now answers as its {@code instance}, where {@link
     * #json(ProblemException, String)} would have put it.
     */
    public static String at(String document, String path) {
        JsonObject problem = READER.createReader(new StringReader(document)).readObject();
        JsonObjectBuilder body = JSON.createObjectBuilder();
        problem.forEach(
                (name, value) -> {
                    if (!name.equals(INSTANCE)) {
                        body.add(name, value);
                    }
                    if (name.equals("detail") && path != null) {
                        body.add(INSTANCE, path);
                    }
                });
        return body.build().toString();
    }

    public static Response.ResponseBuilder response(
            int status,
            String type,
            String title,
            String detail,
            Map<String, Object> extensions,
            UriInfo request) {
        String path = request == null ? null : request.getRequestUri().getRawPath();
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(json(status, type, title, detail, extensions, path));
    }

    private static String json(
            int status,
            String type,
            String title,
            String detail,
            Map<String, Object> extensions,
            String path) {
        JsonObjectBuilder body =
                JSON.createObjectBuilder()
                        .add("type", TYPE_PREFIX + type)
                        .add("title", title)
                        .add("status", status)
                        .add("detail", detail);
        if (path != null) {
            body.add(INSTANCE, path);
        }
        body.addAll(JSON.createObjectBuilder(extensions));
        return body.build().toString();
    }
}

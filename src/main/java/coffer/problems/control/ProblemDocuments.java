package coffer.problems.control;

import coffer.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A problem as {@code application/problem+json} text and back: the one place that knows the
 * document's shape. Written for every problem answered; read only for a refusal kept under an
 * idempotency key, when a retry gets it again.
 */
public final class ProblemDocuments {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:coffer:problem:";

    /** Created once: {@code Json.createObjectBuilder} looks the provider up on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private static final JsonReaderFactory READER = Json.createReaderFactory(Map.of());
    private static final String INSTANCE = "instance";
    private static final Set<String> MEMBERS =
            Set.of("type", "title", "status", "detail", INSTANCE);

    private ProblemDocuments() {}

    public static String write(Problem problem) {
        JsonObjectBuilder body =
                JSON.createObjectBuilder()
                        .add("type", TYPE_PREFIX + problem.type())
                        .add("title", problem.title())
                        .add("status", problem.status())
                        .add("detail", problem.detail());
        problem.instance().ifPresent(path -> body.add(INSTANCE, path));
        body.addAll(JSON.createObjectBuilder(problem.extensions()));
        return body.build().toString();
    }

    /** A document {@link #write} wrote, as the problem it was; its extensions as JSON values. */
    public static Problem read(String document) {
        JsonObject json = READER.createReader(new StringReader(document)).readObject();
        Map<String, Object> extensions = new LinkedHashMap<>();
        json.forEach(
                (name, value) -> {
                    if (!MEMBERS.contains(name)) {
                        extensions.put(name, value);
                    }
                });
        return new Problem(
                json.getInt("status"),
                json.getString("type").substring(TYPE_PREFIX.length()),
                json.getString("title"),
                json.getString("detail"),
                Optional.empty(),
                extensions,
                OptionalInt.empty());
    }
}

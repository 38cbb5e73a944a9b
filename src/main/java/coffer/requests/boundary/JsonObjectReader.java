package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Reads request bodies as a JSON object, answering malformed JSON or a JSON value that is not an
 * object with a 400 that says so, instead of whatever the runtime's own reader would do with
 * them. An empty body reads as {@code null}: each request type decides whether it needs one
 * ({@link JsonFields#of} says it does). Takes precedence over the built-in JSON-P reader as an
 * application provider.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    /** Created once: {@code Json.createReader} looks the JSON-P provider up on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final String INCOMPLETE =
            "The request body ended before it was complete. Send the whole JSON object.";

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream entity) {
        try {
            return objectIn(new PushbackInputStream(new BoundedInputStream(entity)));
        } catch (IOException incomplete) {
            // The client stopped sending, usually because it hung up: it may never read this
            // answer, but it is the client's doing, not an incident of the server's.
            throw new InvalidRequest(INCOMPLETE);
        }
    }

    private static JsonObject objectIn(PushbackInputStream body) throws IOException {
        int first = body.read();
        if (first < 0) {
            return null;
        }
        body.unread(first);
        JsonValue value;
        try (JsonReader reader = READERS.createReader(body)) {
            value = reader.readValue();
        } catch (JsonParsingException malformed) {
            throw new InvalidRequest(describe(malformed.getLocation()));
        } catch (JsonException | IllegalStateException unreadable) {
            throw new InvalidRequest(unreadable.getCause() instanceof IOException
                    ? INCOMPLETE : "The request body is not JSON. Send a JSON object.");
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequest("The request body must be a JSON object, not "
                + value.getValueType().name().toLowerCase() + ".");
    }

    private static String describe(JsonLocation location) {
        if (location == null || location.getLineNumber() < 1) {
            return "The request body is not valid JSON.";
        }
        return "The request body is not valid JSON (line " + location.getLineNumber() + ", column "
                + location.getColumnNumber() + ").";
    }
}

package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads request bodies as a JSON object, answering a body that is too large, malformed, not UTF-8,
 * ambiguous (see {@link StrictJson}) or a JSON value other than an object with a 400 or 413 that
 * says so, instead of whatever the runtime's own reader would do with them. An empty body reads as
 * {@code null}: each request type decides whether it needs one ({@link JsonFields#of} says it
 * does). Takes precedence over the built-in JSON-P reader as an application provider.
 *
 * <p>The body is read in full (at most 16 KiB) before it is parsed, so that its size is refused
 * whatever it holds, and a client that hangs up is told apart from one that sent bad bytes.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    @Override
    public boolean isReadable(
            Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(
            Class<JsonObject> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream entity) {
        byte[] body;
        try {
            body = new BoundedInputStream(entity).readAllBytes();
        } catch (IOException incomplete) {
            // The client stopped sending, usually because it hung up: it may never read this
            // answer, but it is the client's doing, not an incident of the server's.
            throw new InvalidRequest(
                    "The request body ended before it was complete. Send the"
                            + " whole JSON object.");
        }
        if (body.length == 0) {
            return null;
        }
        JsonValue value = StrictJson.parse(body);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequest(
                "The request body must be a JSON object, not "
                        + value.getValueType().name().toLowerCase()
                        + ".");
    }
}

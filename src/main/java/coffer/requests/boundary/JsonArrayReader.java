package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.charset.StandardCharsets;
import java.util.function.ObjIntConsumer;

/**
 * Reads a request body that is a JSON array of objects, too large to hold as one value (a bulk
 * import), element by element as it arrives, by the rules {@link JsonObjectReader} applies to small
 * bodies: UTF-8 without a byte-order mark, no duplicate member, numbers as written, bounded
 * nesting, and a size limit, here the caller's.
 */
public final class JsonArrayReader {

    private JsonArrayReader() {}

    /**
     * Hands each object of the array to the consumer, with its index, as it is read.
     *
     * @throws InvalidRequest when the body breaks a rule; {@code PayloadTooLarge} past maxBytes
     */
    public static void forEachObject(
            InputStream body, long maxBytes, ObjIntConsumer<JsonObject> each) {
        // A decoder of its own reports malformed input instead of replacing it with U+FFFD.
        PushbackReader text =
                new PushbackReader(
                        new InputStreamReader(
                                new BoundedInputStream(body, maxBytes),
                                StandardCharsets.UTF_8.newDecoder()));
        refuseByteOrderMarkAndBlank(text);
        StrictJson.forEachObject(text, each);
    }

    /** Refuses a byte-order mark, and a body of nothing or whitespace, as the small bodies do. */
    private static void refuseByteOrderMarkAndBlank(PushbackReader text) {
        try {
            int first = text.read();
            if (first == '\ufeff') {
                throw new InvalidRequest(
                        "The request body starts with a byte-order mark. Send UTF-8 without one.");
            }
            while (first == ' ' || first == '\t' || first == '\n' || first == '\r') {
                first = text.read();
            }
            if (first < 0) {
                throw new InvalidRequest("The request body is empty or blank; send a JSON array.");
            }
            text.unread(first);
        } catch (IOException unreadable) {
            throw StrictJson.unreadable(unreadable);
        }
    }
}

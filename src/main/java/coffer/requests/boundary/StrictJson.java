package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * Turns the bytes of a request body into a JSON value by the rules the README lists under "Bad
 * input": UTF-8 without a byte-order mark, at most {@value #MAX_DEPTH} levels of nesting, each
 * member name once per object, numbers of at most {@value #MAX_NUMBER_CHARS} characters kept as
 * written ({@link NumberLiteral}). Anything else is an {@link InvalidRequest} that says which rule
 * was broken.
 *
 * <p>The value is built here from the streaming parser's events rather than by a {@code
 * JsonReader}: that is where nesting can be counted and duplicate names seen, and it keeps the
 * parser's own limits (1000 levels, 1100-digit numbers), which it reports as plain runtime
 * exceptions, out of reach.
 */
final class StrictJson {

    /** Far beyond any request of this API, whose bodies are flat objects. */
    static final int MAX_DEPTH = 32;

    /** Room for any 64-bit integer, and for the fractions a client might wrongly send. */
    static final int MAX_NUMBER_CHARS = 100;

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Created once: {@code Json.createParser} looks the provider up on every call. */
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

    private final JsonParser parser;

    private StrictJson(JsonParser parser) {
        this.parser = parser;
    }

    /** The one JSON value the body holds. */
    static JsonValue parse(byte[] body) {
        String text = utf8(body);
        if (text.chars().allMatch(StrictJson::isJsonWhitespace)) {
            throw new InvalidRequest(
                    "The request body holds only whitespace. Send a JSON" + " object.");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            StrictJson json = new StrictJson(parser);
            JsonValue value = json.value(parser.next(), 1);
            if (parser.hasNext()) {
                throw new InvalidRequest(
                        "The request body goes on after its JSON value. Send"
                                + " one JSON object.");
            }
            return value;
        } catch (JsonParsingException malformed) {
            throw new InvalidRequest(describe(malformed.getLocation()));
        } catch (JsonException unreadable) {
            throw new InvalidRequest("The request body is not JSON. Send a JSON object.");
        }
    }

    /**
     * Hands each element of the one JSON array the text holds to the consumer as it is read, with
     * its index; each must be an object. The rules are those of {@link #parse}, the array being
     * level 1; what the consumer throws ends the reading.
     */
    static void forEachObject(Reader text, ObjIntConsumer<JsonObject> each) {
        try (JsonParser parser = PARSERS.createParser(text)) {
            if (parser.next() != JsonParser.Event.START_ARRAY) {
                throw new InvalidRequest("The request body must be a JSON array of objects.");
            }
            StrictJson json = new StrictJson(parser);
            int index = 0;
            for (JsonParser.Event event = parser.next();
                    event != JsonParser.Event.END_ARRAY;
                    event = parser.next()) {
                JsonValue value = json.value(event, 2);
                if (!(value instanceof JsonObject object)) {
                    throw new InvalidRequest(
                            "Item "
                                    + index
                                    + " of the array must be a JSON object, not "
                                    + value.getValueType().name().toLowerCase()
                                    + ".");
                }
                each.accept(object, index++);
            }
            if (parser.hasNext()) {
                throw new InvalidRequest(
                        "The request body goes on after its JSON array. Send one array.");
            }
        } catch (JsonParsingException malformed) {
            throw new InvalidRequest(describe(malformed.getLocation()));
        } catch (JsonException unreadable) {
            throw unreadable.getCause() instanceof IOException failed
                    ? unreadable(failed)
                    : new InvalidRequest("The request body is not JSON. Send a JSON array.");
        }
    }

    /** Why a body read as a stream could not be read: bytes not UTF-8, or the client stopped. */
    static InvalidRequest unreadable(IOException failed) {
        return new InvalidRequest(
                failed instanceof CharacterCodingException
                        ? "The request body is not valid UTF-8. Send JSON in UTF-8."
                        : "The request body ended before it was complete. Send all of it.");
    }

    /** The value that starts with that event; a container there would be at that level. */
    private JsonValue value(JsonParser.Event event, int level) {
        return switch (event) {
            case START_OBJECT -> object(inside(level));
            case START_ARRAY -> array(inside(level));
            case VALUE_STRING -> JSON.createValue(parser.getString());
            case VALUE_NUMBER -> number(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            // The parser reports a misplaced name or end as malformed before it returns it.
            case KEY_NAME, END_OBJECT, END_ARRAY ->
                    throw new IllegalStateException("Unexpected " + event);
        };
    }

    private JsonValue object(int level) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        Set<String> names = new HashSet<>();
        for (JsonParser.Event event = parser.next();
                event != JsonParser.Event.END_OBJECT;
                event = parser.next()) {
            String name = parser.getString();
            if (!names.add(name)) {
                throw new InvalidRequest(
                        "The request body has the member \""
                                + Shown.text(name)
                                + "\" twice. Send each member once.");
            }
            object.add(name, value(parser.next(), level));
        }
        return object.build();
    }

    private JsonValue array(int level) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (JsonParser.Event event = parser.next();
                event != JsonParser.Event.END_ARRAY;
                event = parser.next()) {
            array.add(value(event, level));
        }
        return array.build();
    }

    /** The level of the values inside a container at that level, if it may be that deep. */
    private static int inside(int level) {
        if (level > MAX_DEPTH) {
            throw new InvalidRequest(
                    "The request body is nested deeper than "
                            + MAX_DEPTH
                            + " levels. Requests of this API are flat JSON objects.");
        }
        return level + 1;
    }

    private static JsonValue number(String literal) {
        if (literal.length() > MAX_NUMBER_CHARS) {
            throw new InvalidRequest(
                    "The request body holds a number of more than "
                            + MAX_NUMBER_CHARS
                            + " characters; no field takes one that long.");
        }
        return new NumberLiteral(literal);
    }

    /**
     * The body as text, only if it is UTF-8 (RFC 8259): bytes of another encoding are refused
     * rather than guessed at, and so is a byte-order mark, which JSON senders must not add.
     */
    private static String utf8(byte[] body) {
        if (body.length >= 3
                && body[0] == (byte) 0xef
                && body[1] == (byte) 0xbb
                && body[2] == (byte) 0xbf) {
            throw new InvalidRequest(
                    "The request body starts with a byte-order mark. Send" + " UTF-8 without one.");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer bytes = ByteBuffer.wrap(body);
        CharBuffer text = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(bytes, text, true);
        if (result.isError() || decoder.flush(text).isError()) {
            throw new InvalidRequest(
                    "The request body is not valid UTF-8 (byte "
                            + (bytes.position() + 1)
                            + "). Send JSON in UTF-8.");
        }
        return text.flip().toString();
    }

    private static boolean isJsonWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String describe(JsonLocation location) {
        if (location == null || location.getLineNumber() < 1) {
            return "The request body is not valid JSON.";
        }
        return "The request body is not valid JSON (line "
                + location.getLineNumber()
                + ", column "
                + location.getColumnNumber()
                + ").";
    }
}

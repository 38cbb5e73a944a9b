package coffer.requests.boundary;

import coffer.problems.entity.InvalidRequest;
import coffer.problems.entity.InvalidRequest.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Typed, strict access to the fields of a request body that collects every problem before refusing,
 * so one answer lists all the fields to fix.
 *
 * <p>Usage: read each field, then call {@link #validate()}; values read from a field with an error
 * are placeholders and are never used because {@code validate} throws. The fields read are the
 * fields the request has: {@code validate} also refuses every other member of the body, so that a
 * typo ({@code "balanse"}) or a field another route takes is an error the client sees, not a
 * default it silently gets.
 */
public final class JsonFields {

    private final JsonObject body;

    /** What the errors' field names start with: empty for a body, {@code [7].} for an item. */
    private final String prefix;

    private final Set<String> names = new LinkedHashSet<>();
    private final List<FieldError> errors = new ArrayList<>();

    private JsonFields(JsonObject body, String prefix) {
        this.body = body;
        this.prefix = prefix;
    }

    private JsonFields(JsonObject body) {
        this(body, "");
    }

    /** The fields of an item of an array body, which the errors name as {@code [index].field}. */
    public static JsonFields ofItem(JsonObject item, int index) {
        return new JsonFields(item, "[" + index + "].");
    }

    /** The fields of a body that must be present. */
    public static JsonFields of(JsonObject body) {
        if (body == null) {
            throw new InvalidRequest("The request body is empty; send a JSON object.");
        }
        return new JsonFields(body);
    }

    /** The fields of a body that may be left out entirely, which reads as an empty object. */
    public static JsonFields ofOptional(JsonObject body) {
        return new JsonFields(body == null ? JsonValue.EMPTY_JSON_OBJECT : body);
    }

    /** A whole number that must be present and satisfy the rule. */
    public long requiredLong(String name, LongRule rule) {
        names.add(name);
        if (!body.containsKey(name)) {
            errors.add(new FieldError(name, "is required"));
            return 0;
        }
        return wholeNumber(name, rule).orElse(0L);
    }

    /** A whole number that, when present, must satisfy the rule. */
    public long optionalLong(String name, long fallback, LongRule rule) {
        names.add(name);
        if (!body.containsKey(name)) {
            return fallback;
        }
        return wholeNumber(name, rule).orElse(fallback);
    }

    /**
     * A field that must be present and hold either a whole number that satisfies the rule or a
     * string the parser converts ({@code rule.requirement()} says both); null when it does not.
     */
    public <T> T requiredNumberOrString(
            String name,
            LongRule rule,
            LongFunction<? extends T> ofNumber,
            Function<String, Optional<? extends T>> ofString) {
        names.add(name);
        if (!body.containsKey(name)) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        if (body.get(name) instanceof JsonString string) {
            Optional<? extends T> parsed = ofString.apply(string.getString());
            if (parsed.isEmpty()) {
                errors.add(
                        new FieldError(
                                name,
                                "must be "
                                        + rule.requirement()
                                        + ", not \""
                                        + Shown.text(string.getString())
                                        + "\""));
            }
            return parsed.orElse(null);
        }
        return wholeNumber(name, rule).map(ofNumber::apply).orElse(null);
    }

    /** A string that, when present, must be non-blank and convertible by the parser. */
    public <T> Optional<T> optionalString(
            String name, Function<String, Optional<T>> parser, String requirement) {
        names.add(name);
        if (!body.containsKey(name)) {
            return Optional.empty();
        }
        JsonValue value = body.get(name);
        if (!(value instanceof JsonString string)) {
            errors.add(new FieldError(name, "must be " + requirement + ", not " + describe(value)));
            return Optional.empty();
        }
        Optional<T> parsed = parser.apply(string.getString());
        if (parsed.isEmpty()) {
            errors.add(new FieldError(name, "must be " + requirement));
        }
        return parsed;
    }

    /** Records a problem found by a check that spans several fields. */
    public void reject(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /**
     * Throws an {@link InvalidRequest} listing every problem found, if there is any: the fields
     * read, then each member of the body that is none of them.
     */
    public void validate() {
        List<FieldError> all = new ArrayList<>(errors);
        body.keySet().stream()
                .filter(member -> !names.contains(member))
                .forEach(
                        member ->
                                all.add(
                                        new FieldError(
                                                Shown.text(member),
                                                "is not a field of this request ("
                                                        + (names.isEmpty()
                                                                ? "it takes none"
                                                                : "its fields: "
                                                                        + String.join(", ", names))
                                                        + ")")));
        if (!all.isEmpty()) {
            throw new InvalidRequest(
                    all.stream()
                            .map(error -> new FieldError(prefix + error.field(), error.message()))
                            .toList());
        }
    }

    /**
     * An integer literal: {@code 2.0}, {@code 2E0} and {@code 1e3} are refused like {@code 2.5},
     * because a client that writes them holds the amount in a floating-point type, which is the
     * bug. The literal is the number's text ({@link NumberLiteral} keeps what the client wrote).
     */
    private Optional<Long> wholeNumber(String name, LongRule rule) {
        JsonValue value = body.get(name);
        if (!(value instanceof JsonNumber number)) {
            errors.add(
                    new FieldError(
                            name, "must be " + rule.requirement() + ", not " + describe(value)));
            return Optional.empty();
        }
        if (!writtenAsInteger(number) || !fitsInLong(number)) {
            errors.add(new FieldError(name, "must be " + rule.requirement() + ", not " + number));
            return Optional.empty();
        }
        long exact = number.longValueExact();
        if (!rule.test(exact)) {
            errors.add(new FieldError(name, "must be " + rule.requirement() + ", not " + exact));
            return Optional.empty();
        }
        return Optional.of(exact);
    }

    private static boolean writtenAsInteger(JsonNumber number) {
        return number.toString().chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
    }

    private static boolean fitsInLong(JsonNumber number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException tooLarge) {
            return false;
        }
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> "null";
            case STRING -> "a string";
            case TRUE, FALSE -> "a boolean";
            case NUMBER -> "a number";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }
}

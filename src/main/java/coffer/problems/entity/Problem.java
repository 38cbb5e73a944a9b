package coffer.problems.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A problem as a value (RFC 9457's members): what a refusal is while it travels from the
 * transaction to the response, is counted by the metrics and kept under an idempotency key. Only
 * {@code coffer.problems} turns it into text, once, when it is written.
 *
 * @param type the stable slug ending the problem's type URI, e.g. {@code insufficient-funds}
 * @param instance the path of the request it answers; empty until it answers one
 * @param extensions further members, in the order they are written
 * @param retryAfterSeconds the answer's {@code Retry-After}, for a problem that passes
 */
public record Problem(
        int status,
        String type,
        String title,
        String detail,
        Optional<String> instance,
        Map<String, Object> extensions,
        OptionalInt retryAfterSeconds) {

    public Problem {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, Optional.empty(), Map.of(), OptionalInt.empty());
    }

    /** The same problem, answering the request at that path. */
    public Problem at(String path) {
        return new Problem(
                status,
                type,
                title,
                detail,
                Optional.ofNullable(path),
                extensions,
                retryAfterSeconds);
    }

    /** The same problem with one more member (or that member replaced). */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, type, title, detail, instance, more, retryAfterSeconds);
    }

    public Problem retryAfter(int seconds) {
        return new Problem(
                status, type, title, detail, instance, extensions, OptionalInt.of(seconds));
    }
}

package coffer.requests.boundary;

import java.nio.charset.StandardCharsets;

/**
 * One malformed request the fuzzer sends and the answer it must get: the status and problem type,
 * and optionally a text the answer must contain (in its detail or as a field it names). A null type
 * is a request Payara refuses before Coffer sees it, with an empty body.
 */
record Probe(
        String route,
        String kind,
        String method,
        String path,
        String contentType,
        String idempotencyKey,
        byte[] body,
        int status,
        String type,
        String mention) {

    static final String JSON = "application/json";

    /** The body's start as readable text, control and non-ASCII characters escaped. */
    String excerpt() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        text.codePoints()
                .limit(120)
                .forEach(
                        c ->
                                shown.append(
                                        c >= 0x20 && c < 0x7f
                                                ? Character.toString(c)
                                                : "\\u%04x".formatted(c)));
        return shown + (text.length() > 120 ? "... (" + body.length + " bytes)" : "");
    }

    @Override
    public String toString() {
        return route
                + " ["
                + kind
                + "] "
                + method
                + " "
                + path
                + " Content-Type: "
                + contentType
                + (idempotencyKey == null ? "" : " Idempotency-Key: " + idempotencyKey)
                + " body: "
                + excerpt();
    }
}

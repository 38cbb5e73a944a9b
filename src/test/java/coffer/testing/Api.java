package coffer.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A client of Coffer's HTTP API, for tests. It sends a bearer token, by default the tests' caller
 * with every role ({@link Identity#caller()}), on every route but the merch shop's ({@code /api/}),
 * whose requests carry the shop's own tokens ({@link Shoppers}).
 */
public final class Api {

    public static final String JSON = "application/json";

    private static final String MERCH = "api/";

    private final URI base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    /**
     * A client of the server at that URL, reached over loopback: Payara Micro announces the
     * machine's address, but the tests only ever send traffic to 127.0.0.1.
     */
    public Api(URL base) {
        this(URI.create("http://127.0.0.1:" + base.getPort() + base.getPath()));
    }

    public Api(URI base) {
        this(base, Identity.caller());
    }

    private Api(URI base, String token) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.token = token;
    }

    /** The same server, called with that bearer token, or with none for {@code null}. */
    public Api as(String token) {
        return new Api(base, token);
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", JSON).POST(BodyPublishers.ofString(json)));
    }

    /** A POST with an {@code Idempotency-Key} header. */
    public Reply post(String path, String json, String idempotencyKey) {
        return send(
                request(path)
                        .header("Content-Type", JSON)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(request(path).header("Content-Type", JSON).PUT(BodyPublishers.ofString(json)));
    }

    public CompletableFuture<Reply> postAsync(String path, String json) {
        return sendAsync(
                request(path).header("Content-Type", JSON).POST(BodyPublishers.ofString(json)));
    }

    public CompletableFuture<Reply> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), BodyHandlers.ofString()).thenApply(Reply::of);
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            return Reply.of(http.send(request.build(), BodyHandlers.ofString()));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    public HttpRequest.Builder request(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(relative)).timeout(Duration.ofMinutes(3));
        if (token != null && !relative.startsWith(MERCH)) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Opens a user with the given balance and returns the new user's id. */
    public long openUser(long balance) {
        Reply reply = post("/users", "{\"balance\": " + balance + "}");
        if (reply.status() != 201) {
            throw new IllegalStateException("Could not open a user: " + reply);
        }
        return reply.json().getJsonNumber("userId").longValue();
    }

    public long balanceOf(long userId) {
        Reply reply = get("/balance/" + userId);
        if (reply.status() != 200) {
            throw new IllegalStateException("Could not read balance: " + reply);
        }
        return reply.json().getJsonNumber("balance").longValue();
    }

    /** What the server answered. */
    public record Reply(
            int status,
            String contentType,
            String body,
            String location,
            boolean replayed,
            String retryAfter,
            String wwwAuthenticate) {

        static Reply of(HttpResponse<String> response) {
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonArray jsonArray() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }

        /** The slug that ends the problem type, e.g. {@code insufficient-funds}. */
        public String problemType() {
            String type = json().getString("type");
            return type.substring(type.lastIndexOf(':') + 1);
        }
    }
}

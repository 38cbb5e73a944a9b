package coffer.testing;

import coffer.testing.Api.Reply;
import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The merch shop's routes as its clients call them, for tests. */
public final class Shoppers {

    public static final String PASSWORD = "s3cret-Passw0rd";

    private final Api api;

    public Shoppers(Api api) {
        this.api = api;
    }

    /** A username no other test uses. */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Reply auth(String username, String password) {
        return api.post("/api/auth", credentials(username, password));
    }

    public CompletableFuture<Reply> authAsync(String username, String password) {
        return api.postAsync("/api/auth", credentials(username, password));
    }

    /**
     * A login as a trusted proxy passes it on for a client at {@code clientAddress} (the instance
     * must trust this test's address: {@code TRUSTED_PROXIES=127.0.0.1}).
     */
    public Reply authFrom(String clientAddress, String username, String password) {
        return api.send(
                api.request("/api/auth")
                        .header("Content-Type", Api.JSON)
                        .header("X-Forwarded-For", clientAddress)
                        .POST(BodyPublishers.ofString(credentials(username, password))));
    }

    private static String credentials(String username, String password) {
        return Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .build()
                .toString();
    }

    /** Registers (or logs in) an employee and returns the token. */
    public String tokenOf(String username) {
        Reply reply = auth(username, PASSWORD);
        if (reply.status() != 200) {
            throw new IllegalStateException("Could not log in " + username + ": " + reply);
        }
        return reply.json().getString("token");
    }

    public Reply info(String token) {
        return api.send(authorized("/api/info", token).GET());
    }

    public long coins(String token) {
        return info(token).json().getJsonNumber("coins").longValue();
    }

    public Reply send(String token, String toUser, long amount) {
        return api.send(sending(token, toUser, amount));
    }

    public Reply send(String token, String toUser, long amount, String idempotencyKey) {
        return api.send(sending(token, toUser, amount).header("Idempotency-Key", idempotencyKey));
    }

    public CompletableFuture<Reply> sendAsync(String token, String toUser, long amount) {
        return api.sendAsync(sending(token, toUser, amount));
    }

    public Reply buy(String token, String item) {
        return api.send(authorized("/api/buy/" + item, token).GET());
    }

    public Reply buy(String token, String item, String idempotencyKey) {
        return api.send(
                authorized("/api/buy/" + item, token)
                        .header("Idempotency-Key", idempotencyKey)
                        .GET());
    }

    public CompletableFuture<Reply> buyAsync(String token, String item) {
        return api.sendAsync(authorized("/api/buy/" + item, token).GET());
    }

    public HttpRequest.Builder authorized(String path, String token) {
        return api.request(path).setHeader("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder sending(String token, String toUser, long amount) {
        return authorized("/api/sendCoin", token)
                .header("Content-Type", Api.JSON)
                .POST(
                        BodyPublishers.ofString(
                                Json.createObjectBuilder()
                                        .add("toUser", toUser)
                                        .add("amount", amount)
                                        .build()
                                        .toString()));
    }
}

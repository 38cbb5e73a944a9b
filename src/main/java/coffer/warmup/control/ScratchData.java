package coffer.warmup.control;

import coffer.warmup.control.LoopbackClient.Call;
import coffer.warmup.control.LoopbackClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the warm-up works on: accounts and shop employees it opens itself, through the public
 * routes, at every boot. Each account gets a random external id and each employee a random name
 * ({@code warm-up-} and 12 hex digits) and a random password held only in this instance's memory,
 * so no client knows them, and no client's balance, coins or history is touched. They stay in the
 * database afterwards, as any account does (the ledger is append-only): a handful of rows per boot,
 * beside the entries the warm-up's changes write. The shop's employees are opened only when the
 * shop is configured (its first login answers a token).
 */
record ScratchData(List<Account> accounts, List<Employee> employees) {

    /** Accounts per boot: one hot account every thread shares, and some spread ones. */
    private static final int ACCOUNTS = 4;

    /** Enough that no plausible warm-up runs an account dry with its refusals only. */
    static final long OPENING_BALANCE = 1_000_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Opens them; fails while the routes are not served yet (not deployed, schema pending). */
    static ScratchData open(LoopbackClient client) throws IOException {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String uuid = UUID.randomUUID().toString();
            JsonObject opened =
                    expect(
                            201,
                            client.send(
                                    Call.json(
                                            "POST",
                                            "/users",
                                            "{\"id\": \"%s\", \"balance\": %d}"
                                                    .formatted(uuid, OPENING_BALANCE),
                                            Map.of()),
                                    false));
            accounts.add(new Account(opened.getJsonNumber("userId").longValue(), uuid));
        }
        List<Employee> employees = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String username = "warm-up-" + HexFormat.of().formatHex(randomBytes(6));
            String password = HexFormat.of().formatHex(randomBytes(16));
            Reply login = client.send(Employee.login(username, password), false);
            if (login.status() != 200) {
                return new ScratchData(accounts, List.of());
            }
            employees.add(new Employee(username, password, json(login).getString("token")));
        }
        return new ScratchData(accounts, employees);
    }

    private static JsonObject expect(int status, Reply reply) throws IOException {
        if (reply.status() != status) {
            throw new IOException("answered " + reply.status() + ", not " + status);
        }
        return json(reply);
    }

    private static JsonObject json(Reply reply) {
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A scratch account, by number and by its external id. */
    record Account(long number, String uuid) {}

    /** A scratch employee of the shop, with the token its registration answered. */
    record Employee(String username, String password, String token) {

        static Call login(String username, String password) {
            return Call.json(
                    "POST",
                    "/api/auth",
                    "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password),
                    Map.of());
        }

        Call login() {
            return login(username, password);
        }

        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + token);
        }
    }
}

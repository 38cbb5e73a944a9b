package coffer.warmup.control;

import coffer.warmup.control.LoopbackClient.Call;
import coffer.warmup.control.ScratchData.Account;
import coffer.warmup.control.ScratchData.Employee;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one warm-up thread sends in one round: the hot routes as clients send them. Balance changes
 * through all three change routes, credits and debits, by number and by external id, with and
 * without an {@code Idempotency-Key}, on the thread's own account and on the account all threads
 * share (the one-hot-account burst goes through per-account batching); each credit is matched by a
 * debit, so the accounts end near where they began. A debit beyond the balance (the refusal half of
 * a burst sees), a bad amount (400), both reads; with the shop configured, its info, a coin sent
 * and one back, a purchase, a forged token (401), and now and then a login (bcrypt).
 */
final class Rounds {

    /**
     * One login (a bcrypt hash, tens of milliseconds) every this many rounds of a thread, the
     * threads' logins spread over the rounds: all at once they would overrun the hashing slots.
     */
    private static final long ROUNDS_PER_LOGIN = 32;

    private Rounds() {}

    static List<Call> next(ScratchData scratch, int thread, long round) {
        Account own = scratch.accounts().get(thread % scratch.accounts().size());
        Account hot = scratch.accounts().get(0);
        List<Call> calls = new ArrayList<>();
        calls.add(change("/balance/update", own.number(), 1, Map.of()));
        calls.add(change("/balance/update", "\"" + own.uuid() + "\"", -1, keyed()));
        calls.add(Call.json("PUT", "/user-balance/" + own.number(), "{\"delta\": 1}", keyed()));
        calls.add(Call.json("PUT", "/user-balance/" + own.uuid(), "{\"delta\": -1}", Map.of()));
        calls.add(change("/users/updateBalance", hot.number(), 2, Map.of()));
        calls.add(change("/users/updateBalance", hot.number(), -2, Map.of()));
        calls.add(change("/users/updateBalance", own.number(), -1_000_000_000_000L, Map.of()));
        calls.add(change("/balance/update", own.number(), 0, Map.of()));
        calls.add(Call.get("/balance/" + own.number(), Map.of()));
        calls.add(Call.get("/users/" + own.uuid() + "/balance", Map.of()));
        if (scratch.employees().size() == 2) {
            calls.addAll(shop(scratch.employees(), thread, round));
        }
        return calls;
    }

    private static List<Call> shop(List<Employee> employees, int thread, long round) {
        Employee sender = employees.get(thread % 2);
        Employee recipient = employees.get((thread + 1) % 2);
        List<Call> calls = new ArrayList<>();
        calls.add(Call.get("/api/info", sender.bearer()));
        calls.add(
                Call.json(
                        "POST",
                        "/api/sendCoin",
                        "{\"toUser\": \"%s\", \"amount\": 1}".formatted(recipient.username()),
                        sender.bearer()));
        calls.add(Call.get("/api/buy/pen", sender.bearer()));
        calls.add(Call.get("/api/info", Map.of("Authorization", "Bearer not.a.token")));
        if ((round + thread) % ROUNDS_PER_LOGIN == 0) {
            calls.add(sender.login());
        }
        return calls;
    }

    private static Call change(String path, Object user, long amount, Map<String, String> headers) {
        return Call.json(
                "POST", path, "{\"userId\": %s, \"amount\": %d}".formatted(user, amount), headers);
    }

    private static Map<String, String> keyed() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }
}

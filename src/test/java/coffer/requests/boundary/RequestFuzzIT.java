package coffer.requests.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.BooksSnapshot;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.TestDatabaseSession;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests to every route that reads a body or a path parameter, sent over HTTP to the
 * deployed WAR: each must get exactly the 4xx problem document its mutation calls for, with nothing
 * of the implementation in it, and none may change the books.
 *
 * <p>A fixed seed makes a failure reproducible; {@code -Dcoffer.fuzz.count} (random variants,
 * besides the exhaustive ones) and {@code -Dcoffer.fuzz.seed} make a longer or another run.
 */
class RequestFuzzIT extends RunningCoffer {

    private static final int COUNT = Integer.getInteger("coffer.fuzz.count", 3000);
    private static final long SEED = Long.getLong("coffer.fuzz.seed", 16);
    private static final int FAILURES_SHOWN = 40;

    /** Requests sent at once: one after another, each waits out the network stack's delays. */
    private static final int IN_FLIGHT = 8;

    /** Class names, SQL and stack-trace lines: what an answer must never show a client. */
    private static final Pattern INTERNALS =
            Pattern.compile(
                    "java\\.|jakarta\\.|org\\.eclipse"
                            + "|exception|\\bselect\\b|\\bupdate\\b.*\\bset\\b|\\binsert into\\b|sqlstate"
                            + "|\\bat [\\w$]+(\\.[\\w$]+)+\\(",
                    Pattern.CASE_INSENSITIVE);

    private final Database database = TestDatabaseSession.database();

    @Test
    void malformedRequestsGetAProblemAndChangeNothing() {
        long user = api.openUser(1_000);
        Probes probes = new Probes(SEED, user);
        everyRouteAcceptsItsValidRequest(probes.routes());
        List<String> before = BooksSnapshot.of(database);

        List<Probe> exhaustive = probes.exhaustive();
        int total = exhaustive.size() + COUNT;
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int from = 0; from < total; from += IN_FLIGHT) {
            // Made batch by batch: a long run's bodies (up to 64 KiB each) are never all held.
            List<Probe> batch = new ArrayList<>();
            for (int n = from; n < Math.min(total, from + IN_FLIGHT); n++) {
                batch.add(n < exhaustive.size() ? exhaustive.get(n) : probes.next());
            }
            List<CompletableFuture<Reply>> replies =
                    batch.stream().map(probe -> api.sendAsync(request(probe))).toList();
            for (int i = 0; i < batch.size(); i++) {
                Probe probe = batch.get(i);
                byKind.merge(probe.kind(), 1, Integer::sum);
                String wrong = wrongAnswer(probe, replies.get(i));
                if (wrong != null) {
                    failures.add(wrong + "\n    to " + probe);
                }
            }
        }

        System.out.printf(
                "Fuzz: %d malformed requests (seed %d) in %.1f s, %d wrong answers;"
                        + " by kind %s%n",
                total, SEED, (System.nanoTime() - started) / 1e9, failures.size(), byKind);
        assertThat(failures)
                .as(
                        "%d of %d requests got a wrong answer, the first %d:%n%s",
                        failures.size(),
                        total,
                        FAILURES_SHOWN,
                        String.join(
                                "\n",
                                failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()))))
                .isEmpty();
        assertThat(BooksSnapshot.of(database))
                .as("the books after the malformed requests")
                .containsExactlyElementsOf(before);
        BooksInvariant.assertHolds(database);
    }

    /** Guards the fuzzer itself: each seed request is valid, so each variant tests one fault. */
    private void everyRouteAcceptsItsValidRequest(List<FuzzRoute> routes) {
        int check = 0;
        for (FuzzRoute route : routes) {
            HttpRequest.Builder request = api.request(route.path());
            if (route.body() == FuzzRoute.Body.NONE) {
                request.GET();
            } else {
                request.method(route.method(), BodyPublishers.ofString(route.validBody()))
                        .header("Content-Type", Probe.JSON);
            }
            if (route.takesKey()) {
                // The header wins over a requestId, which stays unclaimed for the variants.
                request.header("Idempotency-Key", "fuzz-check-" + check++);
            }
            Reply reply = api.send(request);
            assertThat(reply.status()).as(route.name() + " " + reply.body()).isBetween(200, 299);
        }
    }

    /** What is wrong with the answer to that request, or null if it is the one it must get. */
    private static String wrongAnswer(Probe probe, CompletableFuture<Reply> answer) {
        Reply reply;
        try {
            reply = answer.join();
        } catch (CompletionException unanswered) {
            return "no answer: " + unanswered.getCause();
        }
        String body = reply.body();
        String got =
                reply.status()
                        + " "
                        + reply.contentType()
                        + " "
                        + body.substring(0, Math.min(300, body.length()));
        if (reply.status() != probe.status()) {
            return "wanted " + probe.status() + " " + probe.type() + ", got " + got;
        }
        if (probe.type() == null) {
            return body.isEmpty() ? null : "wanted an empty body, got " + got;
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "not a problem document: " + got;
        }
        if (INTERNALS.matcher(body).find()) {
            return "internals in the answer: " + got;
        }
        JsonObject problem = reply.json();
        if (!problem.getString("type", "").equals("urn:coffer:problem:" + probe.type())
                || problem.getInt("status", 0) != probe.status()
                || problem.getString("detail", "").isBlank()) {
            return "wanted problem " + probe.type() + ", got " + got;
        }
        if (probe.mention() != null && !mentions(problem, probe.mention())) {
            return "the answer does not say '" + probe.mention() + "': " + got;
        }
        return null;
    }

    private static boolean mentions(JsonObject problem, String text) {
        return problem.getString("detail").contains(text)
                || problem.getOrDefault("errors", JsonValue.EMPTY_JSON_ARRAY).asJsonArray().stream()
                        .anyMatch(error -> error.asJsonObject().getString("field").equals(text));
    }

    private HttpRequest.Builder request(Probe probe) {
        HttpRequest.Builder request =
                api.request(probe.path())
                        .method(
                                probe.method(),
                                probe.body() == null
                                        ? BodyPublishers.noBody()
                                        : BodyPublishers.ofByteArray(probe.body()));
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        if (probe.idempotencyKey() != null) {
            request.header("Idempotency-Key", probe.idempotencyKey());
        }
        return request;
    }
}

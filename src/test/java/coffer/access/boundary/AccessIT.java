package coffer.access.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.Roles;
import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.BooksSnapshot;
import coffer.testing.Database;
import coffer.testing.Identity;
import coffer.testing.RunningCoffer;
import coffer.testing.Shoppers;
import coffer.testing.TestDatabaseSession;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every protected route over HTTP, with every kind of credential a caller without the right may
 * send: each is refused before the route runs, 401 or 403 as problem details with a Bearer
 * challenge, and the books stay exactly as they were; the right role gets through.
 */
class AccessIT extends RunningCoffer {

    private static final String UNAUTHENTICATED = "urn:coffer:problem:authentication-required";
    private static final String FORBIDDEN = "urn:coffer:problem:forbidden";
    private static final int FUZZ_COUNT = Integer.getInteger("coffer.access-fuzz.count", 400);
    private static final long FUZZ_SEED = Long.getLong("coffer.access-fuzz.seed", 26);

    private final Database database = TestDatabaseSession.database();
    private final Identity identity = Identity.forTests();

    private long user;

    @BeforeEach
    void openUser() {
        user = api.openUser(1_000);
    }

    /** A route, a request to it that its role may send, and the role. */
    record Route(String method, String path, String body, String role) {

        boolean reads() {
            return role.equals(Roles.READ);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Route> routes() {
        String debit = "{\"userId\": " + user + ", \"amount\": -1}";
        String spend = "{\"amount\": 1, \"requestId\": \"" + UUID.randomUUID() + "\"}";
        String imported = "[{\"externalId\": \"" + UUID.randomUUID() + "\", \"balance\": 5}]";
        return List.of(
                new Route("GET", "/balance/" + user, null, Roles.READ),
                new Route("POST", "/balance/update", debit, Roles.WRITE),
                new Route("PUT", "/user-balance/" + user, "{\"delta\": -1}", Roles.WRITE),
                new Route("POST", "/users", "{\"balance\": 3}", Roles.WRITE),
                new Route("POST", "/users/import", imported, Roles.OPERATOR),
                new Route("POST", "/users/updateBalance", debit, Roles.WRITE),
                new Route("GET", "/users/" + user, null, Roles.READ),
                new Route("GET", "/users/" + user + "/balance", null, Roles.READ),
                new Route("GET", "/users/" + user + "/ledger", null, Roles.READ),
                new Route("POST", "/users/" + user + "/accruals", "{\"amount\": 2}", Roles.WRITE),
                new Route("POST", "/users/" + user + "/spend", spend, Roles.WRITE),
                new Route("POST", "/jobs/expire-accruals", "{}", Roles.OPERATOR),
                new Route("POST", "/jobs/expire-accruals/requeue", "", Roles.OPERATOR),
                new Route("GET", "/jobs/expire-accruals", null, Roles.READ),
                new Route("GET", "/tasks", null, Roles.READ),
                new Route("GET", "/tasks/TestTask1/history", null, Roles.READ),
                new Route("POST", "/tasks/NoSuchTask/run", "", Roles.OPERATOR),
                new Route("POST", "/tasks/NoSuchTask/pause", "", Roles.OPERATOR),
                new Route("POST", "/tasks/NoSuchTask/resume", "", Roles.OPERATOR),
                new Route("GET", "/instances", null, Roles.READ),
                new Route("GET", "/console/state", null, Roles.READ),
                new Route("GET", "/console/events", null, Roles.READ));
    }

    /** Credentials no route accepts: the Authorization header each sends (null: none). */
    private Map<String, String> unacceptable() {
        String any = Roles.OPERATOR;
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("no token", null);
        headers.put("another scheme", "Basic " + identity.token("x", any));
        headers.put("not a JWT", "Bearer not-a-token");
        headers.put("a wrong signature", bearer(signedByAnotherKey(identity.claims("x", any))));
        headers.put(
                "a wrong issuer",
                bearer(identity.sign(identity.claims("x", any).issuer("https://evil").build())));
        headers.put(
                "a wrong audience",
                bearer(identity.sign(identity.claims("x", any).audience("other").build())));
        headers.put(
                "an expired token",
                bearer(
                        identity.sign(
                                identity.claims("x", any)
                                        .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                                        .expirationTime(
                                                Date.from(now.minus(Duration.ofMinutes(10))))
                                        .build())));
        headers.put(
                "a token without expiry",
                bearer(identity.sign(identity.claims("x", any).expirationTime(null).build())));
        headers.put(
                "alg none", bearer(new PlainJWT(identity.claims("x", any).build()).serialize()));
        headers.put(
                "HS256 keyed with the public key",
                bearer(hs256(identity.claims("x", any).build(), publicKeyBytes())));
        headers.put("a merch token", bearer(new Shoppers(api).tokenOf(Shoppers.unique("access"))));
        return headers;
    }

    @Test
    void everyProtectedRouteRefusesEveryUnacceptableCredentialAndChangesNothing() {
        List<Route> routes = routes();
        Map<String, String> credentials = unacceptable();
        List<String> before = BooksSnapshot.of(database);

        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            credentials.forEach(
                    (name, header) ->
                            expect(route, name, header, 401, UNAUTHENTICATED)
                                    .ifPresent(wrong::add));
        }

        assertThat(wrong).isEmpty();
        assertThat(BooksSnapshot.of(database)).containsExactlyElementsOf(before);
    }

    @Test
    void aValidTokenWithoutTheRoleIsForbiddenAndChangesNothing() {
        List<String> before = BooksSnapshot.of(database);
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            for (String role : List.of(Roles.READ, Roles.WRITE, Roles.OPERATOR, "coffer.admin")) {
                if (Roles.granted(Set.of(role)).contains(route.role())) {
                    continue;
                }
                expect(route, role + " only", bearer(identity.token("x", role)), 403, FORBIDDEN)
                        .ifPresent(wrong::add);
            }
            expect(route, "no groups", bearer(identity.token("x")), 403, FORBIDDEN)
                    .ifPresent(wrong::add);
        }

        assertThat(wrong).isEmpty();
        assertThat(BooksSnapshot.of(database)).containsExactlyElementsOf(before);
    }

    @Test
    void theRightRoleGetsThrough() {
        for (Route route : routes()) {
            int status = send(route, bearer(identity.token("right-role", route.role())));
            assertThat(status).as(route.toString()).isNotIn(401, 403).isLessThan(500);
        }
        // An operator may read as well: the console shows what they act on.
        assertThat(send(routes().get(0), bearer(identity.token("op", Roles.OPERATOR))))
                .isEqualTo(200);
    }

    @Test
    void taskActionsRecordTheTokensCallerAsTheOperator() {
        Api alice = api.as(identity.token("ops.alice", Roles.OPERATOR));

        assertThat(alice.post("/tasks/TestTask9/pause", "").status()).isEqualTo(200);
        assertThat(alice.post("/tasks/TestTask9/resume", "").status()).isEqualTo(200);
        assertThat(api.get("/tasks/TestTask9/history?limit=2").jsonArray())
                .allSatisfy(
                        entry ->
                                assertThat(entry.asJsonObject().getString("operator"))
                                        .isEqualTo("ops.alice"));
    }

    @Test
    void openRoutesNeedNoToken() {
        Api anonymous = api.as(null);

        assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui/").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/console.js").status()).isEqualTo(200);
        assertThat(anonymous.post("/api/auth", "{}").status()).isEqualTo(400);
    }

    /**
     * Seeded: random routes with random credentials, tampered tokens among them, each answered as
     * the rules say, and nothing changed by any refused one.
     */
    @Test
    void fuzzedCredentialsGetTheAnswerTheRulesGive() {
        Random random = new Random(FUZZ_SEED);
        List<Route> routes = routes();
        List<String> groups =
                List.of(
                        Roles.READ,
                        Roles.WRITE,
                        Roles.OPERATOR,
                        "COFFER.WRITE",
                        "coffer.write ",
                        "coffer",
                        "admin");
        List<String> refusing = new ArrayList<>(unacceptable().values());
        List<String> before = BooksSnapshot.of(database);

        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < FUZZ_COUNT; n++) {
            Route route = routes.get(random.nextInt(routes.size()));
            int kind = random.nextInt(3);
            if (kind == 0) {
                String header = refusing.get(random.nextInt(refusing.size()));
                expect(route, "refused #" + n, header, 401, UNAUTHENTICATED).ifPresent(wrong::add);
            } else if (kind == 1) {
                String token = identity.token("fuzz", route.role());
                expect(route, "tampered #" + n, bearer(tamper(token, random)), 401, UNAUTHENTICATED)
                        .ifPresent(wrong::add);
            } else {
                List<String> chosen =
                        groups.stream().filter(group -> random.nextInt(4) == 0).toList();
                String header = bearer(identity.token("fuzz", chosen.toArray(String[]::new)));
                boolean allowed = Roles.granted(Set.copyOf(chosen)).contains(route.role());
                if (!allowed) {
                    expect(route, "groups " + chosen + " #" + n, header, 403, FORBIDDEN)
                            .ifPresent(wrong::add);
                } else if (route.reads()) {
                    int status = send(route, header);
                    if (status == 401 || status == 403 || status >= 500) {
                        wrong.add(route + " with groups " + chosen + ": " + status);
                    }
                }
            }
        }

        assertThat(wrong).as("seed %d", FUZZ_SEED).isEmpty();
        assertThat(BooksSnapshot.of(database)).containsExactlyElementsOf(before);
    }

    /** What is wrong with the answer to the route with that header, if anything. */
    private Optional<String> expect(
            Route route, String credential, String header, int status, String type) {
        Reply reply = api.as(null).send(request(route, header));
        String what = route + " with " + credential + ": ";
        if (reply.status() != status) {
            return Optional.of(what + reply.status() + " " + reply.body());
        }
        if (!reply.contentType().startsWith("application/problem+json")
                || !reply.json().getString("type").equals(type)
                || reply.wwwAuthenticate() == null
                || !reply.wwwAuthenticate().startsWith("Bearer realm=\"coffer\"")) {
            return Optional.of(what + reply);
        }
        String detail = reply.json().getString("detail");
        if (header != null && header.length() > 20 && detail.contains(header.substring(7, 20))) {
            return Optional.of(what + "the answer repeats the token: " + detail);
        }
        return Optional.empty();
    }

    /** The status the route answers with that header; a stream's is read without waiting. */
    private int send(Route route, String header) {
        HttpRequest request = request(route, header).build();
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient()
                            .send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private HttpRequest.Builder request(Route route, String header) {
        HttpRequest.Builder request = api.as(null).request(route.path());
        if (header != null) {
            request.header("Authorization", header);
        }
        if (route.body() == null) {
            return request.method(route.method(), BodyPublishers.noBody());
        }
        return request.header("Content-Type", Api.JSON)
                .method(route.method(), BodyPublishers.ofString(route.body()));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /**
     * The token with one character of its header, claims or signature changed; never a segment's
     * last, whose low bits may be padding that decoders ignore.
     */
    private static String tamper(String token, Random random) {
        char[] chars = token.toCharArray();
        int at;
        do {
            at = random.nextInt(chars.length - 1);
        } while (chars[at] == '.' || chars[at + 1] == '.');
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char was = chars[at];
        do {
            chars[at] = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (chars[at] == was);
        return new String(chars);
    }

    private static String signedByAnotherKey(JWTClaimsSet.Builder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
            return jwt.serialize();
        } catch (NoSuchAlgorithmException | JOSEException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String hs256(JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private byte[] publicKeyBytes() {
        try {
            return Files.readAllBytes(identity.publicKey());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}

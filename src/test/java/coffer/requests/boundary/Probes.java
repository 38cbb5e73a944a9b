package coffer.requests.boundary;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Malformed variants of valid requests, from a seeded generator. Each mutation is built so that its
 * result is invalid whatever the random choices (a truncated object never has its closing brace, a
 * mutated amount is never another legal amount, a raw character is never inserted where it would be
 * whitespace), and each knows the exact answer its request must get.
 */
final class Probes {

    static final int MAX_BODY = 16 * 1024;
    static final int MAX_DEPTH = 32;

    private static final String INVALID = "invalid-request";

    /** Field names no route takes; those with a mention are named back exactly in the answer. */
    private static final List<String> UNKNOWN_KEYS =
            List.of(
                    "balanse",
                    "id",
                    "user",
                    "userid",
                    "UserId",
                    "Amount",
                    "amount ",
                    "AMOUNT",
                    "user_id",
                    "requestID",
                    "expires_at",
                    "delta2",
                    "__proto__",
                    "$ref",
                    "callback");

    private static final List<String> ODD_UNKNOWN_KEYS =
            List.of(
                    "",
                    "\\u0000",
                    "\\ud800",
                    "\uff41\uff4d\uff4f\uff55\uff4e\uff54",
                    "am\u00f6unt",
                    "x".repeat(300));
    private static final List<String> NOT_OBJECTS =
            List.of("[]", "[{}]", "\"{}\"", "5", "-2", "null", "true", "false");
    private static final List<String> TRAILERS =
            List.of("}", "]", ",", "x", " {}", "\"", " 1", "//", " /* */", "\u0000");
    private static final List<String> BLANKS = List.of(" ", "\n", "\t \r\n", "  ");
    private static final List<String> UNICODE =
            List.of(
                    "\u00e9",
                    "\u20ac",
                    "\ufeff",
                    "\u00a0",
                    "\u2028",
                    "\u200b",
                    "\uff17",
                    "\u0667",
                    "\ud835\udfd8",
                    "\ufffd");
    private static final List<byte[]> BAD_UTF8 =
            List.of(
                    new byte[] {(byte) 0xff},
                    new byte[] {(byte) 0xfe},
                    new byte[] {(byte) 0xc0, (byte) 0xaf},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xe2, (byte) 0x82},
                    new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xc3});
    static final List<String> WRONG_CONTENT_TYPES =
            List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/octet-stream",
                    "text/json",
                    "application/merge-patch+json",
                    "application/problem+json",
                    "application/jsonx");

    /**
     * User ids a path must refuse: none is a user, however leniently read (as a number, or as a
     * UUID by {@code UUID.fromString}, which takes {@code 1-1-1-1-7}).
     */
    static final List<String> BAD_USER_IDS =
            List.of(
                    "0",
                    "-1",
                    "-%d",
                    "abc",
                    "%d.0",
                    "%d.5",
                    "1e3",
                    "+%d",
                    "0%d",
                    "00",
                    "9223372036854775808",
                    "99999999999999999999999",
                    "%d ",
                    " %d",
                    "\u00e9",
                    "%dabc",
                    "0x%d",
                    "%d,%d",
                    "\uff10%d",
                    "%d\u0667",
                    "%d" + "0".repeat(40),
                    "1-1-1-1-%d",
                    "{11111111-1111-1111-1111-11111111111%d}",
                    "urn:uuid:11111111-1111-1111-1111-%d",
                    "aaaaaaaaaaaaaaaaaaaaaaaaaa%d",
                    "g1111111-1111-1111-1111-%d");

    /**
     * Limits a listing must refuse; an empty {@code limit=} is JAX-RS's absent one, the default.
     */
    static final List<String> BAD_LIMITS =
            List.of(
                    "0",
                    "-1",
                    "1001",
                    "abc",
                    "1.5",
                    "+5",
                    "05",
                    " 5",
                    "5 ",
                    "\u0665",
                    "99999999999",
                    "1e2",
                    "0x10");

    private static final List<String> BAD_KEY_HEADERS =
            List.of("", "has space", "a\tb", "semi;colon space");

    private final Random random;
    private final List<FuzzRoute> routes;
    private final long user;

    Probes(long seed, long user) {
        this.random = new Random(seed);
        this.user = user;
        this.routes = FuzzRoute.all(user);
    }

    List<FuzzRoute> routes() {
        return routes;
    }

    /** The variants worth sending in full: every truncation, bad path, limit and media type. */
    List<Probe> exhaustive() {
        List<Probe> probes = new ArrayList<>();
        for (FuzzRoute route : routes) {
            if (route.body() != FuzzRoute.Body.NONE) {
                byte[] valid = utf8(route.validBody());
                for (int length = 1; length < valid.length; length++) {
                    probes.add(probe(route, "truncated", Arrays.copyOf(valid, length)));
                }
                for (String type : WRONG_CONTENT_TYPES) {
                    probes.add(
                            new Probe(
                                    route.name(),
                                    "content-type",
                                    route.method(),
                                    route.path(),
                                    type,
                                    null,
                                    valid,
                                    415,
                                    "unsupported-media-type",
                                    null));
                }
            }
            if (route.param() == FuzzRoute.Param.USER) {
                for (String id : BAD_USER_IDS) {
                    probes.add(
                            withPath(
                                    route,
                                    "user-id",
                                    route.path(encode(id.replace("%d", Long.toString(user))), "5"),
                                    400,
                                    INVALID));
                }
                // Payara's HTTP layer refuses a NUL in a path before any application sees it.
                probes.add(
                        withPath(
                                route,
                                "nul-in-path",
                                route.path(encode(user + "\u0000"), "5"),
                                400,
                                null));
            }
            if (route.query() != null) {
                for (String limit : BAD_LIMITS) {
                    probes.add(
                            withPath(
                                    route,
                                    "limit",
                                    route.path(route.validParam(), encode(limit)),
                                    400,
                                    INVALID));
                }
            }
        }
        return probes;
    }

    /** One random variant of a random route. */
    Probe next() {
        FuzzRoute route = routes.get(random.nextInt(routes.size()));
        List<Function<FuzzRoute, Probe>> mutations = mutationsOf(route);
        return mutations.get(random.nextInt(mutations.size())).apply(route);
    }

    private List<Function<FuzzRoute, Probe>> mutationsOf(FuzzRoute route) {
        List<Function<FuzzRoute, Probe>> mutations = new ArrayList<>();
        if (route.body() != FuzzRoute.Body.NONE) {
            mutations.addAll(
                    List.of(
                            this::unknownKey,
                            this::deepNesting,
                            this::controlCharacter,
                            this::unicodeCharacter,
                            this::invalidUtf8,
                            this::byteOrderMark,
                            this::trailingGarbage,
                            this::notAnObject,
                            this::blank,
                            this::oversized,
                            this::utf16));
            if (!route.fields().isEmpty()) {
                mutations.addAll(List.of(this::invalidValue, this::otherType, this::duplicateKey));
            }
            if (route.fields().stream().anyMatch(FuzzRoute.Field::required)) {
                mutations.add(this::missingField);
            }
        }
        if (route.body() == FuzzRoute.Body.REQUIRED) {
            mutations.add(r -> probe(r, "empty", new byte[0]));
        }
        if (route.takesKey()) {
            mutations.add(this::badKeyHeader);
        }
        if (route.param() == FuzzRoute.Param.USER) {
            mutations.add(this::randomUserId);
        }
        if (route.param() == FuzzRoute.Param.TASK) {
            mutations.add(this::unknownTask);
        }
        return mutations;
    }

    private Probe invalidValue(FuzzRoute route) {
        FuzzRoute.Field field = anyField(route);
        return withMember(
                route,
                "invalid-value",
                field,
                field.member(field.kind().invalidValue(field.valid(), random)));
    }

    private Probe otherType(FuzzRoute route) {
        FuzzRoute.Field field = anyField(route);
        return withMember(
                route,
                "type-swap",
                field,
                field.member(field.kind().otherType(field.valid(), random)));
    }

    private Probe missingField(FuzzRoute route) {
        List<FuzzRoute.Field> required =
                route.fields().stream().filter(FuzzRoute.Field::required).toList();
        FuzzRoute.Field dropped = required.get(random.nextInt(required.size()));
        List<String> members = new ArrayList<>();
        route.fields().stream()
                .filter(field -> field != dropped)
                .forEach(field -> members.add(field.member(field.valid())));
        return probe(route, "missing-field", utf8(FuzzRoute.body(members)));
    }

    private Probe duplicateKey(FuzzRoute route) {
        FuzzRoute.Field field = anyField(route);
        List<String> members = route.members();
        String again =
                field.member(
                        random.nextBoolean()
                                ? field.valid()
                                : field.kind().otherType(field.valid(), random));
        members.add(random.nextInt(members.size() + 1), again);
        return mentioning(
                probe(route, "duplicate-key", utf8(FuzzRoute.body(members))),
                "\"" + field.name() + "\" twice");
    }

    private Probe unknownKey(FuzzRoute route) {
        boolean plain = random.nextInt(3) > 0;
        List<String> pool = plain ? UNKNOWN_KEYS : ODD_UNKNOWN_KEYS;
        String key = pool.get(random.nextInt(pool.size()));
        List<String> members = route.members();
        String[] values = {"5", "\"x\"", "null", "true", "{}", "[1]"};
        members.add(
                random.nextInt(members.size() + 1),
                "\"" + key + "\": " + values[random.nextInt(values.length)]);
        Probe probe = probe(route, "unknown-key", utf8(FuzzRoute.body(members)));
        return plain ? mentioning(probe, key) : probe;
    }

    /** Nesting past the limit, as a new member, in place of a field's value or as the body. */
    private Probe deepNesting(FuzzRoute route) {
        int room = MAX_BODY - route.validBody().length() - 16;
        int depth = MAX_DEPTH + 1 + random.nextInt(random.nextBoolean() ? 10 : room / 2);
        boolean objects = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        depth = Math.min(depth, objects ? room / 6 : room / 2);
        StringBuilder nested = new StringBuilder(open.repeat(depth)).append('1');
        boolean closed = random.nextBoolean();
        if (closed) {
            nested.append((objects ? "}" : "]").repeat(depth));
        }
        String body;
        if (!closed || random.nextInt(4) == 0) {
            body = nested.toString();
        } else {
            List<String> members = route.members();
            int at = random.nextInt(members.size() + 1);
            if (at < members.size() && random.nextBoolean()) {
                members.set(at, route.fields().get(at).member(nested.toString()));
            } else {
                members.add(at, "\"deep\": " + nested);
            }
            body = FuzzRoute.body(members);
        }
        return mentioning(probe(route, "deep-nesting", utf8(body)), "deeper than " + MAX_DEPTH);
    }

    /** A raw control character other than JSON's whitespace: invalid anywhere in JSON. */
    private Probe controlCharacter(FuzzRoute route) {
        int c = random.nextInt(0x21);
        if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
            c = 0x7f;
        }
        return insert(route, "control-character", utf8(Character.toString(c)));
    }

    /**
     * A character outside ASCII: outside a string it is not JSON, inside one it spoils a key name,
     * an idempotency key (visible ASCII only) or a date-time.
     */
    private Probe unicodeCharacter(FuzzRoute route) {
        return insert(route, "unicode", utf8(UNICODE.get(random.nextInt(UNICODE.size()))));
    }

    private Probe invalidUtf8(FuzzRoute route) {
        return mentioning(
                insert(route, "invalid-utf-8", BAD_UTF8.get(random.nextInt(BAD_UTF8.size()))),
                "UTF-8");
    }

    private Probe byteOrderMark(FuzzRoute route) {
        return mentioning(
                probe(
                        route,
                        "byte-order-mark",
                        concat(
                                new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                                utf8(route.validBody()))),
                "byte-order mark");
    }

    private Probe trailingGarbage(FuzzRoute route) {
        return probe(
                route,
                "trailing",
                utf8(route.validBody() + TRAILERS.get(random.nextInt(TRAILERS.size()))));
    }

    private Probe notAnObject(FuzzRoute route) {
        return probe(
                route, "not-an-object", utf8(NOT_OBJECTS.get(random.nextInt(NOT_OBJECTS.size()))));
    }

    private Probe blank(FuzzRoute route) {
        return probe(route, "blank", utf8(BLANKS.get(random.nextInt(BLANKS.size()))));
    }

    private Probe oversized(FuzzRoute route) {
        String valid = route.validBody();
        int size = MAX_BODY + 1 + random.nextInt(random.nextBoolean() ? 16 : 3 * MAX_BODY);
        String padded =
                valid.substring(0, valid.length() - 1) + " ".repeat(size - valid.length()) + "}";
        return new Probe(
                route.name(),
                "oversized",
                route.method(),
                route.path(),
                Probe.JSON,
                null,
                utf8(padded),
                413,
                "payload-too-large",
                null);
    }

    /** The valid body in UTF-16, which the reader must not take for UTF-8. */
    private Probe utf16(FuzzRoute route) {
        return new Probe(
                route.name(),
                "utf-16",
                route.method(),
                route.path(),
                Probe.JSON + "; charset=UTF-16",
                null,
                route.validBody().getBytes(StandardCharsets.UTF_16),
                400,
                INVALID,
                null);
    }

    private Probe badKeyHeader(FuzzRoute route) {
        String key =
                random.nextBoolean()
                        ? BAD_KEY_HEADERS.get(random.nextInt(BAD_KEY_HEADERS.size()))
                        : "k".repeat(201 + random.nextInt(4000));
        return new Probe(
                route.name(),
                "idempotency-key",
                route.method(),
                route.path(),
                Probe.JSON,
                key,
                utf8(route.validBody()),
                400,
                INVALID,
                null);
    }

    private Probe randomUserId(FuzzRoute route) {
        String id =
                switch (random.nextInt(4)) {
                    case 0 -> "-" + (1 + (random.nextLong() >>> 1));
                    case 1 -> "9" + "9".repeat(19 + random.nextInt(200));
                    case 2 -> user + "." + random.nextInt(1000);
                    default -> user + UNICODE.get(random.nextInt(UNICODE.size()));
                };
        return withPath(route, "user-id", route.path(encode(id), "5"), 400, INVALID);
    }

    private Probe unknownTask(FuzzRoute route) {
        String name =
                "no-such-task-"
                        + UNICODE.get(random.nextInt(UNICODE.size()))
                        + random.nextInt(1_000_000);
        return withPath(route, "task-name", route.path(encode(name), "5"), 404, "task-not-found");
    }

    private FuzzRoute.Field anyField(FuzzRoute route) {
        return route.fields().get(random.nextInt(route.fields().size()));
    }

    private Probe withMember(FuzzRoute route, String kind, FuzzRoute.Field field, String member) {
        List<String> members = route.members();
        members.set(route.fields().indexOf(field), member);
        return probe(route, kind, utf8(FuzzRoute.body(members)));
    }

    /** The valid body with those bytes inserted at a random position. */
    private Probe insert(FuzzRoute route, String kind, byte[] inserted) {
        byte[] valid = utf8(route.validBody());
        int at = random.nextInt(valid.length + 1);
        return probe(
                route,
                kind,
                concat(
                        Arrays.copyOf(valid, at),
                        inserted,
                        Arrays.copyOfRange(valid, at, valid.length)));
    }

    private static Probe probe(FuzzRoute route, String kind, byte[] body) {
        return new Probe(
                route.name(),
                kind,
                route.method(),
                route.path(),
                Probe.JSON,
                null,
                body,
                400,
                INVALID,
                null);
    }

    private static Probe withPath(
            FuzzRoute route, String kind, String path, int status, String type) {
        byte[] body = route.body() == FuzzRoute.Body.NONE ? null : utf8(route.validBody());
        return new Probe(
                route.name(),
                kind,
                route.method(),
                path,
                body == null ? null : Probe.JSON,
                null,
                body,
                status,
                type,
                null);
    }

    private static Probe mentioning(Probe probe, String mention) {
        return new Probe(
                probe.route(),
                probe.kind(),
                probe.method(),
                probe.path(),
                probe.contentType(),
                probe.idempotencyKey(),
                probe.body(),
                probe.status(),
                probe.type(),
                mention);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}

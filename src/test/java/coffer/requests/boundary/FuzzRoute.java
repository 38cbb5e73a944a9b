package coffer.requests.boundary;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid request to one route of the API, the seed the fuzzer mutates: its method, path (with the
 * one path parameter it may have), query and body fields.
 */
record FuzzRoute(
        String method,
        String template,
        Param param,
        String validParam,
        String query,
        List<Field> fields,
        Body body,
        boolean takesKey) {

    /** What the path parameter names. */
    enum Param {
        NONE,
        USER,
        TASK
    }

    /** Whether the route reads a body, and whether an empty one is valid. */
    enum Body {
        NONE,
        OPTIONAL,
        REQUIRED
    }

    /** A member of the valid body; {@code required}: leaving it out makes the request invalid. */
    record Field(String name, FieldKind kind, String valid, boolean required) {

        String member(String value) {
            return "\"" + name + "\": " + value;
        }
    }

    /** Every route that takes a body or a path parameter, for that user. */
    static List<FuzzRoute> all(long user) {
        String id = Long.toString(user);
        Field amount = new Field("amount", FieldKind.POSITIVE_AMOUNT, "5", true);
        return List.of(
                new FuzzRoute(
                        "POST",
                        "/balance/update",
                        Param.NONE,
                        null,
                        null,
                        List.of(
                                new Field("userId", FieldKind.USER_ID, id, true),
                                new Field("amount", FieldKind.AMOUNT, "-2", true)),
                        Body.REQUIRED,
                        true),
                new FuzzRoute(
                        "PUT",
                        "/user-balance/%s",
                        Param.USER,
                        id,
                        null,
                        List.of(new Field("delta", FieldKind.AMOUNT, "-2", true)),
                        Body.REQUIRED,
                        true),
                new FuzzRoute(
                        "POST",
                        "/users",
                        Param.NONE,
                        null,
                        null,
                        List.of(new Field("balance", FieldKind.OPENING_BALANCE, "100", false)),
                        Body.OPTIONAL,
                        true),
                new FuzzRoute(
                        "POST",
                        "/users/%s/accruals",
                        Param.USER,
                        id,
                        null,
                        List.of(
                                amount,
                                new Field(
                                        "expiresAt",
                                        FieldKind.INSTANT,
                                        "\"2099-01-31T00:00:00Z\"",
                                        false),
                                new Field(
                                        "requestId",
                                        FieldKind.IDEMPOTENCY_KEY,
                                        "\"fuzz-accrual\"",
                                        false)),
                        Body.REQUIRED,
                        true),
                new FuzzRoute(
                        "POST",
                        "/users/%s/spend",
                        Param.USER,
                        id,
                        null,
                        List.of(
                                amount,
                                new Field(
                                        "requestId",
                                        FieldKind.IDEMPOTENCY_KEY,
                                        "\"fuzz-spend\"",
                                        true)),
                        Body.REQUIRED,
                        true),
                new FuzzRoute(
                        "POST",
                        "/jobs/expire-accruals",
                        Param.NONE,
                        null,
                        null,
                        List.of(),
                        Body.OPTIONAL,
                        false),
                get("/balance/%s", Param.USER, id, null),
                get("/users/%s", Param.USER, id, null),
                get("/users/%s/balance", Param.USER, id, null),
                get("/users/%s/ledger", Param.USER, id, "limit"),
                get("/tasks/%s/history", Param.TASK, "TestTask1", "limit"));
    }

    private static FuzzRoute get(String template, Param param, String valid, String query) {
        return new FuzzRoute("GET", template, param, valid, query, List.of(), Body.NONE, false);
    }

    String name() {
        return method + " " + template.replace("%s", "{" + param.name().toLowerCase() + "}");
    }

    String path() {
        return path(validParam, "5");
    }

    /** The path with that (already encoded) parameter and limit. */
    String path(String parameter, String limit) {
        String path = param == Param.NONE ? template : template.formatted(parameter);
        return query == null ? path : path + "?" + query + "=" + limit;
    }

    /** The valid body's members, one JSON text each, for mutations to rearrange. */
    List<String> members() {
        List<String> members = new ArrayList<>();
        fields.forEach(field -> members.add(field.member(field.valid())));
        return members;
    }

    String validBody() {
        return body(members());
    }

    static String body(List<String> members) {
        return "{" + String.join(", ", members) + "}";
    }
}

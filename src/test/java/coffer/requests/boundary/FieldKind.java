package coffer.requests.boundary;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * What a field of a request holds, and JSON values it must refuse. Every value produced here is
 * invalid for its field by the API's rules, so a request carrying one must get a 400: an amount is
 * never mutated into another legal amount, nor a user id into another user's.
 */
enum FieldKind {
    USER_ID(1, Long.MAX_VALUE),
    /** A change of a balance: non-zero, within ±10^12. */
    AMOUNT(-Amount.MAX, Amount.MAX),
    OPENING_BALANCE(0, Amount.MAX),
    POSITIVE_AMOUNT(1, Amount.MAX),
    INSTANT(0, 0),
    IDEMPOTENCY_KEY(0, 0);

    private static final List<String> BAD_INSTANTS =
            List.of(
                    "\"tomorrow\"",
                    "\"2099-01-01\"",
                    "\"2099-01-01T00:00:00\"",
                    "\"2099-13-01T00:00:00Z\"",
                    "\"2020-01-01T00:00:00Z\"",
                    "\"\"",
                    "\" 2099-01-01T00:00:00Z\"",
                    "\"2099-01-01T00:00:00+25:00\"",
                    "\"2099-01-01T00:00:00Z\\u0000\"",
                    "\"2099-01-01T00:00:00Z \"");
    private static final List<String> BAD_KEYS =
            List.of(
                    "\"\"",
                    "\"has space\"",
                    "\"\\u043a\\u043b\\u044e\\u0447\"",
                    "\"tab\\tkey\"",
                    "\"nul\\u0000\"",
                    "\"lone\\ud800\"",
                    "\"del\\u007f\"",
                    "\"caf\u00e9\"");
    private static final List<String> WHOLE_IN_DISGUISE =
            List.of("e0", "E0", "e+0", "E-0", ".0", ".000", "0e-1");

    private final long min;
    private final long max;

    FieldKind(long min, long max) {
        this.min = min;
        this.max = max;
    }

    boolean numeric() {
        return this != INSTANT && this != IDEMPOTENCY_KEY;
    }

    /** A JSON value of the right type that this field must refuse. */
    String invalidValue(String valid, Random random) {
        return switch (this) {
            case INSTANT -> BAD_INSTANTS.get(random.nextInt(BAD_INSTANTS.size()));
            case IDEMPOTENCY_KEY ->
                    random.nextBoolean()
                            ? BAD_KEYS.get(random.nextInt(BAD_KEYS.size()))
                            : "\"" + "k".repeat(201 + random.nextInt(8000)) + "\"";
            default -> invalidNumber(valid, random);
        };
    }

    /** A JSON value of another type than the field's. */
    String otherType(String valid, Random random) {
        List<String> others =
                numeric()
                        ? List.of(
                                "\"" + valid + "\"",
                                "\"x\"",
                                "true",
                                "false",
                                "null",
                                "[]",
                                "[" + valid + "]",
                                "{}",
                                "{\"value\": " + valid + "}")
                        : List.of(
                                "5",
                                "-1",
                                "true",
                                "null",
                                "[]",
                                "[" + valid + "]",
                                "{}",
                                "{\"value\": " + valid + "}");
        return others.get(random.nextInt(others.size()));
    }

    private String invalidNumber(String valid, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> below().toString();
            case 1 -> above(random).toString();
            case 2 -> valid + WHOLE_IN_DISGUISE.get(random.nextInt(WHOLE_IN_DISGUISE.size()));
            case 3 -> valid + "." + (1 + random.nextInt(999));
            case 4 ->
                    (random.nextBoolean() ? "-" : "")
                            + (1 + random.nextInt(9))
                            + digits(random, 19 + random.nextInt(random.nextBoolean() ? 40 : 3000));
            default ->
                    (random.nextBoolean() ? "-" : "")
                            + (1 + random.nextInt(9))
                            + (random.nextBoolean() ? "e" : "E")
                            + (random.nextBoolean() ? "-" : "")
                            + random.nextInt(Integer.MAX_VALUE);
        };
    }

    /** Zero for an amount, which refuses it; otherwise the largest value below the range. */
    private BigInteger below() {
        return this == AMOUNT ? BigInteger.ZERO : BigInteger.valueOf(min).subtract(BigInteger.ONE);
    }

    private BigInteger above(Random random) {
        BigInteger beyond =
                BigInteger.valueOf(max)
                        .add(BigInteger.ONE)
                        .add(
                                BigInteger.valueOf(
                                        random.nextInt(3) == 0 ? 0 : random.nextLong() >>> 1));
        return this == AMOUNT && random.nextBoolean() ? beyond.negate() : beyond;
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** Outside the enum: its constants cannot name the enum's own static fields. */
    private static final class Amount {
        static final long MAX = 1_000_000_000_000L;
    }
}

package coffer.requests.boundary;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number that remembers how the client wrote it. {@code 2}, {@code 2E0} and {@code 0.2e1}
 * are the same value with the same scale, so only the literal tells a whole number from a
 * floating-point one in disguise: {@link #toString()} is that literal, which {@link JsonFields}
 * checks and an answer quotes back. {@link StrictJson} bounds its length.
 *
 * <p>The conversions that expand the value ({@link #bigIntegerValue()}, {@link #intValue()}) cost
 * what the exponent says ({@code 1e999999999} is a billion digits), so request fields convert only
 * literals written as plain digits.
 */
final class NumberLiteral implements JsonNumber {

    private final String literal;
    private final BigDecimal value;

    NumberLiteral(String literal) {
        this.literal = literal;
        this.value = new BigDecimal(literal);
    }

    @Override
    public boolean isIntegral() {
        return value.scale() == 0;
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public int intValueExact() {
        return value.intValueExact();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public long longValueExact() {
        return value.longValueExact();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value.toBigInteger();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return value.toBigIntegerExact();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public BigDecimal bigDecimalValue() {
        return value;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber number && value.equals(number.bigDecimalValue());
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return literal;
    }
}

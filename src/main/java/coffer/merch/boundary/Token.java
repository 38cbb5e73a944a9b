package coffer.merch.boundary;

/** The answer of {@code POST /api/auth}. */
public record Token(String token) {}

package coffer.ledger.entity;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The UUID a user brought from the system it came from, in its canonical text form (upper or lower
 * case). {@code UUID.fromString} alone would also take {@code 1-1-1-1-1} and other short forms, so
 * two spellings could name one user.
 */
public record ExternalId(UUID value) implements UserRef {

    private static final Pattern CANONICAL =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The external id the text spells, if it is a UUID in canonical form. */
    public static Optional<ExternalId> parse(String raw) {
        if (!CANONICAL.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ExternalId(UUID.fromString(raw)));
    }

    @Override
    public Object shown() {
        return toString();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

package coffer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times in answers are in UTC, whatever zone the JVM or the JDBC driver gave them, so that a client
 * sees one form from every instance.
 */
public final class Utc {

    private Utc() {}

    public static OffsetDateTime of(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}

package coffer.warmup.control;

import java.time.Duration;

/**
 * Where the warm-up stands, for readiness: its phase, the time it is given, the requests it has
 * sent and their answers by status, and a note on why it was skipped.
 */
public record Progress(Phase phase, Duration duration, long requests, String answers, String note) {

    /** WAITING for the schema and its routes, WARMING, then DONE or SKIPPED. */
    public enum Phase {
        WAITING,
        WARMING,
        DONE,
        SKIPPED;

        /** Whether traffic may come: the warm-up is over, or was never to run. */
        public boolean lets() {
            return this == DONE || this == SKIPPED;
        }
    }
}

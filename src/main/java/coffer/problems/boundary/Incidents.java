package coffer.problems.boundary;

import coffer.logs.control.LogText;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives each request that ends in a 5xx its incident id and logs it, once per request, on one line
 * the client's incident id finds. A failure shared by many requests (a batch of balance changes
 * failed together) is logged with its stack trace under the first incident only; the others name
 * that one.
 */
final class Incidents {

    private static final Logger LOG = Logger.getLogger(Incidents.class.getName());

    /** The failures already logged, by identity, each under its first incident. */
    private static final Map<Throwable, String> LOGGED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Incidents() {}

    /** A new incident for a failure: logged with its stack trace unless logged already. */
    static String of(Level level, String what, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        String first = LOGGED.putIfAbsent(failure, incident);
        if (first == null) {
            LOG.log(level, "Incident " + incident + ": " + what, failure);
        } else {
            LOG.log(level, () -> "Incident " + incident + ": " + what + ", as incident " + first);
        }
        return incident;
    }

    /** A new incident for a 5xx the code decided on (overloaded, say): one line, no trace. */
    static String of(int status, String type, String path) {
        String incident = UUID.randomUUID().toString();
        LOG.warning(
                () ->
                        "Incident "
                                + incident
                                + ": "
                                + status
                                + " "
                                + type
                                + " at "
                                + LogText.escaped(path));
        return incident;
    }
}

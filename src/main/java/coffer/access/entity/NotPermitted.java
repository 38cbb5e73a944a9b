package coffer.access.entity;

import coffer.problems.entity.ProblemException;
import java.util.Set;
import java.util.TreeSet;

/**
 * A valid token whose groups grant none of the roles the route needs. The roles a route needs are
 * documented, so naming them tells a caller nothing new.
 */
public class NotPermitted extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** The {@code WWW-Authenticate} challenge of RFC 6750 for this refusal. */
    public static final String CHALLENGE = "Bearer realm=\"coffer\", error=\"insufficient_scope\"";

    public NotPermitted(Set<String> needed) {
        super(
                403,
                "forbidden",
                "Forbidden",
                "This route needs a token with one of the roles "
                        + String.join(", ", new TreeSet<>(needed))
                        + " in its groups. Nothing was changed.");
    }
}

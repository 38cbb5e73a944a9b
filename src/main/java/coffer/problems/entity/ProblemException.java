package coffer.problems.entity;

import jakarta.ejb.ApplicationException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure the client caused or must know about, with everything its problem details need.
 *
 * <p>An application exception, so the container rolls the transaction back and hands it to the
 * boundary unwrapped instead of burying it in an {@code EJBException}. Subclasses name one kind of
 * problem each; the {@code type} slug is part of the API contract and never changes.
 */
@ApplicationException(rollback = true)
public abstract class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient Map<String, Object> extensions;

    protected ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    protected ProblemException(
            int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public int status() {
        return status;
    }

    /** The stable slug ending the problem's {@code type} URI, e.g. {@code insufficient-funds}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** When to try again, for a problem that passes: the answer's {@code Retry-After}. */
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.empty();
    }

    /** Extra members of the problem object, such as the current balance of a refused debit. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The problem as a value, answering no request yet. */
    public Problem problem() {
        return new Problem(
                status, type, title, detail(), Optional.empty(), extensions, retryAfterSeconds());
    }
}

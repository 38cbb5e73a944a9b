package coffer.idempotency.control;

import coffer.problems.entity.Problem;
import coffer.problems.entity.ProblemException;

/**
 * What a request is answered, as a value: what the facades return, what is kept under an
 * idempotency key, and what {@code coffer.idempotency.boundary.Answers} turns into the HTTP
 * response once the transaction has committed. {@code replayed} marks an answer given again to a
 * retry.
 *
 * @param <T> the body of an applied request
 */
public sealed interface Answer<T> {

    int status();

    boolean replayed();

    Answer<T> asReplay();

    static <T> Answer<T> ok(T body) {
        return new Applied<>(200, body, null, false);
    }

    /** A 201 whose Location is relative to the service's root, e.g. {@code /users/7}. */
    static <T> Answer<T> created(T body, String location) {
        return new Applied<>(201, body, location, false);
    }

    /** A refusal, kept under the key like any answer. */
    static <T> Answer<T> refused(ProblemException problem) {
        return new Refused<>(problem.problem(), false);
    }

    /** Applied: the body (null for none) and the Location, if any. */
    record Applied<T>(int status, T body, String location, boolean replayed) implements Answer<T> {

        @Override
        public Answer<T> asReplay() {
            return new Applied<>(status, body, location, true);
        }
    }

    /** Refused, nothing changed: why. */
    record Refused<T>(Problem problem, boolean replayed) implements Answer<T> {

        @Override
        public int status() {
            return problem.status();
        }

        @Override
        public Answer<T> asReplay() {
            return new Refused<>(problem, true);
        }
    }
}

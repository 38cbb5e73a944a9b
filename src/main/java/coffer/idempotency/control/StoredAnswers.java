package coffer.idempotency.control;

import coffer.idempotency.entity.IdempotentRequest;
import coffer.problems.control.ProblemDocuments;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * An answer as it is kept under its key, and back. The one piece of the transaction that writes
 * JSON, and only for a request with a key: its answer must commit with its change, or a retry after
 * a crash between the two would find the key without an answer. The text is the body the client
 * got, so keys kept by earlier versions replay as they were.
 */
final class StoredAnswers {

    private static final Jsonb JSON = JsonbBuilder.create();

    private StoredAnswers() {}

    /** The body to keep; empty for an applied request without one. */
    static String bodyOf(Answer<?> answer) {
        if (answer instanceof Answer.Refused<?> refused) {
            return ProblemDocuments.write(refused.problem());
        }
        Object body = ((Answer.Applied<?>) answer).body();
        return body == null ? "" : JSON.toJson(body);
    }

    /** The answer kept for an earlier request, given again: its body read as {@code type}. */
    static <T> Answer<T> replayOf(IdempotentRequest earlier, Class<T> type) {
        if (earlier.status() >= 400) {
            return new Answer.Refused<>(ProblemDocuments.read(earlier.body()), true);
        }
        T body = earlier.body().isEmpty() ? null : JSON.fromJson(earlier.body(), type);
        return new Answer.Applied<>(earlier.status(), body, earlier.location(), true);
    }
}

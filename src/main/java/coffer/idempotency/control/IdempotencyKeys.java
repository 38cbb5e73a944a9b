package coffer.idempotency.control;

import coffer.BulkUpdates;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.idempotency.entity.IdempotencyKeyReused;
import coffer.idempotency.entity.IdempotentRequest;
import coffer.metrics.control.MoneyOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs an operation once per idempotency key, inside the caller's transaction. */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject MoneyOutcomes outcomes;

    @PersistenceContext EntityManager entityManager;

    /**
     * The answer of the operation: computed now and recorded under the key if the key is new, or
     * the answer recorded for it before (marked replayed), its body read as {@code type}.
     *
     * @param fingerprint what the request asks for, in canonical form: the same key with another
     *     fingerprint is refused with {@link IdempotencyKeyReused}
     */
    public <T> Answer<T> once(
            long scope,
            Optional<IdempotencyKey> key,
            String fingerprint,
            Class<T> type,
            Supplier<Answer<T>> operation) {
        if (key.isEmpty()) {
            return operation.get();
        }
        Optional<Answer<T>> earlier = claim(scope, key.get(), fingerprint, type);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Answer<T> answer = operation.get();
        record(scope, key.get(), answer);
        return answer;
    }

    /**
     * Claims the key for a request, in the caller's transaction; empty when it is new, else the
     * answer recorded under it before (for a key claimed by a transaction still running, this waits
     * for that transaction to end).
     *
     * @throws IdempotencyKeyReused when the key was claimed for another request
     */
    public <T> Optional<Answer<T>> claim(
            long scope, IdempotencyKey key, String fingerprint, Class<T> type) {
        boolean claimed =
                BulkUpdates.named(entityManager, IdempotentRequest.CLAIM)
                        .setParameter(1, scope)
                        .setParameter(2, key.value())
                        .setParameter(3, fingerprint)
                        .atMostOne();
        if (claimed) {
            return Optional.empty();
        }
        IdempotentRequest earlier =
                entityManager
                        .createNamedQuery(IdempotentRequest.FIND, IdempotentRequest.class)
                        .setParameter("scope", scope)
                        .setParameter("key", key.value())
                        .getSingleResult();
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReused(key);
        }
        outcomes.replayed();
        return Optional.of(StoredAnswers.replayOf(earlier, type));
    }

    /** Records the answer under a key the caller's transaction has claimed. */
    public void record(long scope, IdempotencyKey key, Answer<?> answer) {
        BulkUpdates.named(entityManager, IdempotentRequest.ANSWER)
                .setParameter("scope", scope)
                .setParameter("key", key.value())
                .setParameter("status", answer.status())
                .setParameter("body", StoredAnswers.bodyOf(answer))
                .setParameter("location", locationOf(answer))
                .exactlyOne();
    }

    private static String locationOf(Answer<?> answer) {
        return answer instanceof Answer.Applied<?> applied ? applied.location() : null;
    }

    public int purgeOlderThan(Duration retention) {
        return BulkUpdates.named(entityManager, IdempotentRequest.PURGE)
                .setParameter("minusRetentionMillis", -retention.toMillis())
                .anyNumber();
    }
}

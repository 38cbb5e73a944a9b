package coffer.balance.boundary;

import coffer.balance.control.AccountQueues;
import coffer.balance.control.BalanceChange;
import coffer.idempotency.boundary.Answers;
import coffer.ledger.entity.UserRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.concurrent.TimeUnit;

/**
 * Hands a balance change to {@link AccountQueues} and resumes the client's suspended response with
 * its answer once its batch has committed, written only then; or with the failure, which the
 * exception mappers answer; or, past the queues' answer timeout, with what became of the change.
 */
@ApplicationScoped
public class QueuedAnswers {

    @Inject AccountQueues queues;

    /**
     * @param path the request's path, which a problem names as its instance
     * @throws coffer.problems.entity.ServiceOverloaded when as many changes wait as the instance
     *     admits
     * @throws coffer.problems.entity.ShuttingDown when the instance is stopping
     */
    public void answer(AsyncResponse response, UserRef user, BalanceChange change, String path) {
        AccountQueues.Waiting queued = queues.submit(user, change);
        response.setTimeoutHandler(timedOut -> queues.timeOut(user, queued));
        response.setTimeout(queues.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        queued.answer()
                .whenComplete(
                        (answer, failure) -> {
                            if (failure == null) {
                                response.resume(Answers.toResponse(answer, path));
                            } else {
                                response.resume(failure);
                            }
                        });
    }
}

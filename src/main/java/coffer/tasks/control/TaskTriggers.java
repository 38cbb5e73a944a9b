package coffer.tasks.control;

import coffer.BulkUpdates;
import coffer.tasks.entity.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Work queued on demand: makes a task due now, in the caller's transaction, so the task runs (on
 * whichever instance claims it) only once what it is to do has been committed. The only way other
 * components change the tasks table.
 */
@ApplicationScoped
public class TaskTriggers {

    @PersistenceContext EntityManager entityManager;

    /** The task named, which the migrations created, is due at once. */
    public void makeDue(String taskName) {
        BulkUpdates.named(entityManager, Task.MAKE_DUE).setParameter("name", taskName).exactlyOne();
    }
}

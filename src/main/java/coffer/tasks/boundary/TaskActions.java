package coffer.tasks.boundary;

import coffer.BulkUpdates;
import coffer.tasks.control.LocalInstance;
import coffer.tasks.entity.RunStatus;
import coffer.tasks.entity.Task;
import coffer.tasks.entity.TaskNotFound;
import coffer.tasks.entity.TaskNotStartable;
import coffer.tasks.entity.TaskRun;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * What operators do to a task, each action one transaction with its entry in the task's history.
 * Each is one conditional UPDATE whose row count decides; pausing or resuming a task that already
 * is so changes and records nothing, so a repeated click is harmless.
 */
@Stateless
public class TaskActions {

    @PersistenceContext EntityManager entityManager;

    @Inject Tasks tasks;

    @Inject LocalInstance local;

    /** Makes the task due now, so an instance claims it within a tick. */
    public TaskView runNow(String name, String operator) {
        boolean due =
                BulkUpdates.named(entityManager, Task.RUN_NOW)
                        .setParameter("name", name)
                        .atMostOne();
        if (!due) {
            TaskView task = tasks.task(name);
            throw task.runningInstance() != null
                    ? TaskNotStartable.running(name, task.runningInstance())
                    : TaskNotStartable.paused(name);
        }
        return recorded(name, RunStatus.RUN_REQUESTED, operator);
    }

    /** Keeps every instance from claiming the task; a run in progress finishes. */
    public TaskView pause(String name, String operator) {
        boolean paused =
                BulkUpdates.named(entityManager, Task.PAUSE)
                        .setParameter("name", name)
                        .setParameter("operator", operator)
                        .atMostOne();
        return paused ? recorded(name, RunStatus.PAUSED, operator) : tasks.task(name);
    }

    /** Lets the task be claimed again; if it fell due while paused, it runs at once. */
    public TaskView resume(String name, String operator) {
        boolean resumed =
                BulkUpdates.named(entityManager, Task.RESUME)
                        .setParameter("name", name)
                        .atMostOne();
        return resumed ? recorded(name, RunStatus.RESUMED, operator) : tasks.task(name);
    }

    private TaskView recorded(String name, RunStatus action, String operator) {
        int taskId =
                entityManager
                        .createNamedQuery(Task.BY_NAME, Task.class)
                        .setParameter("name", name)
                        .getResultStream()
                        .findFirst()
                        .map(Task::id)
                        .orElseThrow(() -> new TaskNotFound(name));
        BulkUpdates.named(entityManager, TaskRun.RECORD_ACTION)
                .setParameter(1, taskId)
                .setParameter(2, local.id())
                .setParameter(3, action.name())
                .setParameter(4, operator)
                .exactlyOne();
        return tasks.task(name);
    }
}

package coffer.tasks.entity;

import coffer.problems.entity.ProblemException;

/** A run-now refused: the task runs already, or is paused. Nothing was changed. */
public class TaskNotStartable extends ProblemException {

    private static final long serialVersionUID = 1L;

    private TaskNotStartable(String type, String title, String detail) {
        super(409, type, title, detail);
    }

    public static TaskNotStartable running(String name, String instance) {
        return new TaskNotStartable(
                "task-running",
                "Task already running",
                name
                        + " is running on "
                        + instance
                        + "; it cannot be started twice. Nothing was"
                        + " changed.");
    }

    public static TaskNotStartable paused(String name) {
        return new TaskNotStartable(
                "task-paused",
                "Task paused",
                name
                        + " is paused; resume it (POST /tasks/"
                        + name
                        + "/resume) to run it."
                        + " Nothing was changed.");
    }
}

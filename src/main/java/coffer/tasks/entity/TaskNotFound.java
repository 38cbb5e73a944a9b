package coffer.tasks.entity;

import coffer.problems.entity.ProblemException;

public class TaskNotFound extends ProblemException {

    private static final long serialVersionUID = 1L;

    public TaskNotFound(String name) {
        super(
                404,
                "task-not-found",
                "Task not found",
                "There is no task named '"
                        + (name.length() > 60 ? name.substring(0, 60) + "..." : name)
                        + "'. GET /tasks lists them.");
    }
}

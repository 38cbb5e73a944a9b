package coffer.tasks.control;

/** A run this instance owns: the task's lease, held under the run's id. */
public record Lease(
        int taskId, String taskName, String functionName, long runId, String instanceId) {

    @Override
    public String toString() {
        return taskName + " run " + runId + " on " + instanceId;
    }
}

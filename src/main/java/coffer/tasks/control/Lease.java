package coffer.tasks.control;

/** A run this instance owns: the task's lease, held under the run's id. */
public record Lease(
        int taskId, String taskName, String functionName, long runId, String instanceId) {

    /** What every log line of the run starts with, so one search finds all of a run's lines. */
    public String logPrefix() {
        return "task=" + taskName + " run=" + runId + " instance=" + instanceId;
    }

    @Override
    public String toString() {
        return taskName + " run " + runId + " on " + instanceId;
    }
}

package coffer.tasks.control;

/** How busy a live instance is: runs in progress, and runs started in the fairness window. */
public record InstanceLoad(String instanceId, long running, long recentStarts)
        implements Comparable<InstanceLoad> {

    /** Less loaded first; ties go to the smaller id, so every instance picks the same one. */
    @Override
    public int compareTo(InstanceLoad other) {
        int byRunning = Long.compare(running, other.running);
        if (byRunning != 0) {
            return byRunning;
        }
        int byStarts = Long.compare(recentStarts, other.recentStarts);
        return byStarts != 0 ? byStarts : instanceId.compareTo(other.instanceId);
    }

    InstanceLoad plusOneRun() {
        return new InstanceLoad(instanceId, running + 1, recentStarts + 1);
    }
}

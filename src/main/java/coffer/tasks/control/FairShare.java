package coffer.tasks.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which due tasks this instance should try to claim, so that work spreads evenly instead of
 * going to whichever instance's timer happens to fire first.
 *
 * <p>Every instance computes the same assignment from the same database snapshot: each due task,
 * longest-waiting first, goes to the least loaded live instance (fewest runs in progress, then
 * fewest runs started recently, then smallest id), whose load then counts that task. So no instance
 * takes more than its fair share while another has room. An instance claims only what is assigned
 * to it, except that a task left unclaimed longer than the grace period (its instance died or
 * hangs) may be claimed by anyone. Claiming stays exclusive either way: this only decides who
 * tries.
 */
public final class FairShare {

    private FairShare() {}

    public static List<DueTask> toClaim(
            String me, List<DueTask> due, Collection<InstanceLoad> live) {
        Map<String, InstanceLoad> loads = new TreeMap<>();
        live.forEach(load -> loads.put(load.instanceId(), load));
        loads.putIfAbsent(me, new InstanceLoad(me, 0, 0));
        List<DueTask> mine = new ArrayList<>();
        for (DueTask task : due) {
            InstanceLoad assigned = loads.values().stream().sorted().findFirst().orElseThrow();
            String taker = task.overdue() ? me : assigned.instanceId();
            if (taker.equals(me)) {
                mine.add(task);
            }
            loads.put(taker, loads.get(taker).plusOneRun());
        }
        return mine;
    }
}

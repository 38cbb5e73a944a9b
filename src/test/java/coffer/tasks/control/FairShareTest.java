package coffer.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class FairShareTest {

    private static final List<InstanceLoad> IDLE =
            List.of(load("a", 0, 0), load("b", 0, 0), load("c", 0, 0));

    @Test
    void idleInstancesEachTakeOneOfThreeDueTasks() {
        List<DueTask> due = due(3);

        assertThat(FairShare.toClaim("a", due, IDLE)).extracting(DueTask::id).containsExactly(1);
        assertThat(FairShare.toClaim("b", due, IDLE)).extracting(DueTask::id).containsExactly(2);
        assertThat(FairShare.toClaim("c", due, IDLE)).extracting(DueTask::id).containsExactly(3);
    }

    @Test
    void theFirstTimerToFireDoesNotTakeEverything() {
        List<DueTask> due = due(10);

        assertThat(FairShare.toClaim("a", due, IDLE)).hasSize(4);
        assertThat(FairShare.toClaim("b", due, IDLE)).hasSize(3);
        assertThat(FairShare.toClaim("c", due, IDLE)).hasSize(3);
    }

    @Test
    void aBusierInstanceLeavesTheTaskToOneWithRoom() {
        List<InstanceLoad> live = List.of(load("a", 2, 9), load("b", 1, 20));

        assertThat(FairShare.toClaim("a", due(1), live)).isEmpty();
        assertThat(FairShare.toClaim("b", due(1), live)).hasSize(1);
    }

    @Test
    void amongEquallyBusyInstancesTheOneWithFewerRecentRunsGoesFirst() {
        List<InstanceLoad> live = List.of(load("a", 1, 12), load("b", 1, 11), load("c", 1, 13));

        assertThat(FairShare.toClaim("b", due(1), live)).hasSize(1);
        assertThat(FairShare.toClaim("a", due(1), live)).isEmpty();
    }

    @Test
    void anInstanceThatJoinsLaterGetsTheNextTasks() {
        List<InstanceLoad> live = List.of(load("a", 1, 30), load("b", 1, 29), load("new", 0, 0));

        assertThat(FairShare.toClaim("new", due(2), live)).hasSize(2);
    }

    @Test
    void anOverdueTaskMayBeTakenByAnyone() {
        List<DueTask> due = List.of(new DueTask(1, "T1", "f", Duration.ofMinutes(5), true));

        assertThat(FairShare.toClaim("c", due, IDLE)).hasSize(1);
        assertThat(FairShare.toClaim("a", due, IDLE)).hasSize(1);
    }

    @Test
    void anInstanceNotYetSeenAsLiveCountsAsIdle() {
        assertThat(FairShare.toClaim("d", due(4), IDLE)).hasSize(1);
    }

    /** Whatever the loads, the instances' claims split the due tasks: none twice, none left. */
    @RepeatedTest(50)
    void everyInstanceComputesTheSameSplit() {
        Random random = new Random();
        List<InstanceLoad> live =
                IntStream.range(0, 1 + random.nextInt(6))
                        .mapToObj(i -> load("node-" + i, random.nextInt(3), random.nextInt(20)))
                        .toList();
        List<DueTask> due = due(random.nextInt(12));

        List<Integer> claimed = new ArrayList<>();
        live.forEach(
                instance ->
                        FairShare.toClaim(instance.instanceId(), due, live)
                                .forEach(task -> claimed.add(task.id())));

        assertThat(claimed)
                .containsExactlyInAnyOrderElementsOf(due.stream().map(DueTask::id).toList());
    }

    /** No instance ends up above the fair share while another could have taken the task. */
    @RepeatedTest(50)
    void noInstanceExceedsItsFairShareWhileAnotherHasRoom() {
        Random random = new Random();
        List<InstanceLoad> live =
                IntStream.range(0, 2 + random.nextInt(5))
                        .mapToObj(i -> load("node-" + i, random.nextInt(2), 0))
                        .toList();
        List<DueTask> due = due(random.nextInt(12));
        long running = live.stream().mapToLong(InstanceLoad::running).sum() + due.size();
        long fairShare = (running + live.size() - 1) / live.size();

        for (InstanceLoad instance : live) {
            long after =
                    instance.running() + FairShare.toClaim(instance.instanceId(), due, live).size();
            assertThat(after).isLessThanOrEqualTo(Math.max(fairShare, instance.running()));
        }
    }

    private static List<DueTask> due(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(id -> new DueTask(id, "T" + id, "f", Duration.ofMinutes(5), false))
                .toList();
    }

    private static InstanceLoad load(String id, long running, long recentStarts) {
        return new InstanceLoad(id, running, recentStarts);
    }
}

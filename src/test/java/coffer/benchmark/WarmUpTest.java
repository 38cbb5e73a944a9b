package coffer.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void anOpenLoopSecondsBehindItsQueueHasNotSettledHoweverSteadyItsP99() {
        assertFalse(WarmUp.latencySettled(10_875.4, 9_592.2));
        assertFalse(WarmUp.latencySettled(2_521.9, 2_521.9));
    }

    @Test
    void anOpenLoopThatKeepsUpButStillImprovesByMoreThanAQuarterHasNotSettled() {
        assertFalse(WarmUp.latencySettled(376.6, 22.8));
        assertFalse(WarmUp.latencySettled(45.0, 15.7));
    }

    @Test
    void anOpenLoopThatKeepsUpAndStoppedImprovingHasSettled() {
        assertTrue(WarmUp.latencySettled(22.8, 45.0));
        assertTrue(WarmUp.latencySettled(20.0, 16.0));
        assertTrue(WarmUp.latencySettled(3.0, 1.5));
    }
}

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

    @Test
    void aClosedLoopOnAPlateauOfItsClimbHasNotSettled() {
        assertFalse(WarmUp.throughputSettled(484, 795, 885, 949, 962, 1153, 1226, 1283, 1233));
        assertFalse(WarmUp.throughputSettled(1226, 1283, 1233));
    }

    @Test
    void aClosedLoopThatStoppedRisingHasSettled() {
        assertTrue(WarmUp.throughputSettled(1143, 1758, 2124, 2099, 2148, 2120, 2110, 2160));
        assertTrue(WarmUp.throughputSettled(2929, 2847, 2978, 2950, 2900, 2960));
    }

    @Test
    void aClosedLoopStillSwingingHasNotSettled() {
        assertFalse(WarmUp.throughputSettled(2431, 2714, 2490, 2615, 2465, 2300));
    }
}

package coffer.benchmark;

import coffer.testing.Load;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * A closed loop run for about a given time. {@link Load} runs a number of requests, not a time, so
 * each run is sized from the throughput the run before it reached; its real length is in its
 * result.
 */
final class ClosedLoop {

    /** The first run's guess, low: a cold service's first window should not last a minute. */
    private static final double FIRST_GUESS = 200;

    private final Load load;
    private final int connections;
    private final IntFunction<String> body;
    private double rate = FIRST_GUESS;

    ClosedLoop(Load load, int connections, IntFunction<String> body) {
        this.load = load;
        this.connections = connections;
        this.body = body;
    }

    /**
     * Runs it in windows on the curve, each named {@code name}, until its throughput settles
     * ({@link WarmUp#untilThroughputSettles}).
     */
    WarmUp warmUp(Curve curve, String name) {
        return WarmUp.untilThroughputSettles(
                window -> curve.run(name, () -> runFor(window)).result());
    }

    Load.Result runFor(Duration duration) {
        int count = (int) Math.max(4L * connections, rate * duration.toMillis() / 1_000);
        Load.Result result = load.closedLoop(count, connections, body);
        rate = result.throughput();
        return result;
    }
}

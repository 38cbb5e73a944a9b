package coffer.tasks.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The work of TestTask1 to TestTask10: twelve steps that together take at least two minutes
 * (scaled), reporting progress and renewing the lease after each. The minimum is measured on a
 * monotonic clock, so an early wake-up cannot shorten a run.
 */
@ApplicationScoped
public class SteppedWork implements TaskFunction {

    static final Duration MINIMUM_DURATION = Duration.ofMinutes(2);
    static final int STEPS = 12;

    @Override
    public String name() {
        return "stepped-work";
    }

    @Override
    public void run(RunContext run) throws InterruptedException {
        long stepNanos = run.scaled(MINIMUM_DURATION).toNanos() / STEPS;
        long start = System.nanoTime();
        for (int step = 1; step <= STEPS; step++) {
            long stepEnd = start + step * stepNanos;
            for (long left = stepEnd - System.nanoTime();
                    left > 0;
                    left = stepEnd - System.nanoTime()) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
            run.checkpoint(step, STEPS, "step " + step + "/" + STEPS + " done");
        }
    }
}

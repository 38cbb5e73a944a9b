package coffer.lifecycle.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The order of a shutdown, with the time and the components that stop played by the test. */
class DrainingTest {

    private static final Duration NOTICE = Duration.ofMillis(300);

    private final CountDownLatch leaving = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Draining draining = draining(Duration.ofSeconds(30));

    @Test
    void readinessGoesDownFirstWhileRequestsAreStillAdmitted() throws Exception {
        CompletableFuture<Void> drain = drainNow();
        awaitPhase(Draining.Phase.UNREADY);

        assertThat(draining.ready()).isFalse();
        assertThat(leaving.await(5, TimeUnit.SECONDS)).as("the scheduler told to leave").isTrue();
        assertThat(draining.admit()).isTrue();
        draining.answered();
        drain.get(5, TimeUnit.SECONDS);
    }

    @Test
    void afterTheNoticeNewRequestsAreRefusedAndTheAdmittedOnesAwaited() throws Exception {
        assertThat(draining.admit()).isTrue();
        CompletableFuture<Void> drain = drainNow();
        awaitPhase(Draining.Phase.REFUSING);

        assertThat(draining.admit()).isFalse();
        assertThat(stopped.await(NOTICE.toMillis(), TimeUnit.MILLISECONDS))
                .as("stopped with a request in flight")
                .isFalse();

        draining.answered();
        assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
        drain.get(5, TimeUnit.SECONDS);
        assertThat(draining.phase()).isEqualTo(Draining.Phase.STOPPED);
    }

    @Test
    void aRequestThatNeverEndsHoldsTheStopOnlyUntilTheGraceIsNearlyOut() throws Exception {
        Draining shortGrace = draining(Draining.STOP_MARGIN.plusSeconds(1));
        assertThat(shortGrace.admit()).isTrue();

        shortGrace.drain(System.nanoTime());

        assertThat(stopped.getCount()).isZero();
    }

    private Draining draining(Duration grace) {
        Draining draining = new Draining();
        draining.notice = NOTICE;
        draining.grace = grace;
        draining.budget = grace;
        draining.leaving = countedIn(leaving);
        draining.stopping = countedIn(stopped);
        return draining;
    }

    private CompletableFuture<Void> drainNow() {
        long signalled = System.nanoTime();
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        draining.drain(signalled);
                    } catch (InterruptedException interrupted) {
                        throw new IllegalStateException(interrupted);
                    }
                });
    }

    private void awaitPhase(Draining.Phase phase) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (draining.phase() != phase && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(draining.phase()).isEqualTo(phase);
    }

    /** An event whose firing, at once or asynchronously, counts down {@code fired}. */
    @SuppressWarnings("unchecked")
    private static <T> Event<T> countedIn(CountDownLatch fired) {
        return (Event<T>)
                Proxy.newProxyInstance(
                        Event.class.getClassLoader(),
                        new Class<?>[] {Event.class},
                        (proxy, method, arguments) -> {
                            if (method.getName().equals("fire")) {
                                fired.countDown();
                                return null;
                            }
                            if (method.getName().equals("fireAsync")) {
                                fired.countDown();
                                return CompletableFuture.completedFuture(arguments[0]);
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }
}

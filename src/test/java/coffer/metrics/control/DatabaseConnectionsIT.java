package coffer.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.balance.boundary.Balances;
import coffer.balance.control.BalanceChange;
import coffer.idempotency.control.Answer;
import coffer.ledger.entity.UserId;
import coffer.testing.InsideCoffer;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool's metrics inside the server, against the real pool: a transaction holds one connection
 * from its first statement to its end, and a caller that finds every connection held waits,
 * counted, until one is given back. Nothing else uses the database meanwhile (the tasks are off
 * here).
 */
@InsideCoffer
class DatabaseConnectionsIT {

    @Inject Meters meters;

    @Inject Balances balances;

    @Resource UserTransaction transaction;

    @Resource ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "db.pool.max-size", defaultValue = "8")
    int poolSize;

    private UserId user;

    @BeforeEach
    void openUser() {
        user = open();
    }

    private UserId open() {
        String location =
                ((Answer.Applied<?>) balances.open(100, Optional.empty(), Optional.empty()))
                        .location();
        return new UserId(Long.parseLong(location.substring("/users/".length())));
    }

    @Test
    void aTransactionHoldsOneConnectionFromItsFirstWriteUntilItEnds() throws Exception {
        double before = gauge("coffer.db.connections.in.use");
        long taken = waits().count();

        transaction.begin();
        try {
            assertThat(gauge("coffer.db.connections.in.use")).isEqualTo(before);
            balances.change(user, new BalanceChange(1, Optional.empty()));
            assertThat(gauge("coffer.db.connections.in.use")).isEqualTo(before + 1);
            balances.balanceOf(user);
            assertThat(gauge("coffer.db.connections.in.use")).isEqualTo(before + 1);
        } finally {
            transaction.commit();
        }

        assertThat(gauge("coffer.db.connections.in.use")).isEqualTo(before);
        assertThat(waits().count() - taken).as("connections taken").isEqualTo(1);
        assertThat(gauge("coffer.db.connections.max")).isEqualTo(poolSize);
    }

    @Test
    void aCallerFindingEveryConnectionHeldWaitsCountedUntilOneIsFree() throws Exception {
        assertThat(gauge("coffer.db.connections.in.use")).isZero();
        CountDownLatch holding = new CountDownLatch(poolSize);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> holders = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            UserId own = open();
            holders.add(
                    inThread(
                            () -> {
                                transaction.begin();
                                try {
                                    balances.change(own, new BalanceChange(1, Optional.empty()));
                                    holding.countDown();
                                    release.await(2, TimeUnit.MINUTES);
                                } finally {
                                    transaction.commit();
                                }
                            }));
        }
        assertThat(holding.await(1, TimeUnit.MINUTES)).as("every connection held").isTrue();
        assertThat(gauge("coffer.db.connections.in.use")).isEqualTo(poolSize);
        assertThat(gauge("coffer.db.connections.waiting")).isZero();

        CompletableFuture<Void> late = inThread(() -> balances.balanceOf(user));
        await(() -> gauge("coffer.db.connections.waiting") == 1);
        assertThat(late).isNotDone();
        release.countDown();

        late.get(1, TimeUnit.MINUTES);
        for (CompletableFuture<Void> holder : holders) {
            holder.get(1, TimeUnit.MINUTES);
        }
        assertThat(gauge("coffer.db.connections.waiting")).isZero();
        assertThat(gauge("coffer.db.connections.in.use")).isZero();
    }

    private double gauge(String name) {
        return meters.registry().get(name).gauge().value();
    }

    private Timer waits() {
        return meters.registry().get("coffer.db.connection.wait").timer();
    }

    /** Runs the work on a container thread of its own (a transaction is the thread's). */
    private CompletableFuture<Void> inThread(Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        threads.newThread(
                        () -> {
                            try {
                                work.run();
                                done.complete(null);
                            } catch (Exception | Error failed) {
                                done.completeExceptionally(failed);
                            }
                        })
                .start();
        return done;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited a minute").isBefore(until);
            Thread.sleep(20);
        }
    }

    private interface Work {
        void run() throws Exception;
    }
}

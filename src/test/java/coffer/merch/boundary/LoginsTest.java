package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.merch.control.LoginQueue;
import coffer.merch.entity.Employee;
import coffer.problems.entity.ServiceOverloaded;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LoginsTest {

    private final List<Object> resumed = new ArrayList<>();
    private TimeoutHandler timeoutHandler;
    private long timeoutMillis;

    @Test
    void aLoginStillWaitingWhenItsAnswerTimeoutPassesIsAnswered503WithRetryAfter() {
        Logins logins = new Logins();
        logins.employees =
                new Employees() {
                    @Override
                    public Optional<Employee> find(String username) {
                        return Optional.empty();
                    }
                };
        logins.queue =
                new LoginQueue() {
                    @Override
                    public Duration answerTimeout() {
                        return Duration.ofSeconds(5);
                    }

                    @Override
                    public <T> CompletableFuture<T> submit(Supplier<T> login) {
                        return new CompletableFuture<>();
                    }
                };
        AsyncResponse response = suspended();

        logins.answer(response, new Credentials("alice", "s3cret-Passw0rd"), "192.0.2.7");

        assertThat(resumed).as("not answered while it waits").isEmpty();
        assertThat(timeoutMillis).isEqualTo(5_000);
        timeoutHandler.handleTimeout(response);
        assertThat(resumed)
                .singleElement()
                .isInstanceOfSatisfying(
                        ServiceOverloaded.class,
                        refused -> {
                            assertThat(refused.status()).isEqualTo(503);
                            assertThat(refused.retryAfterSeconds()).hasValue(1);
                        });
    }

    /** A suspended response that records its timeout and what it is resumed with. */
    private AsyncResponse suspended() {
        return (AsyncResponse)
                Proxy.newProxyInstance(
                        AsyncResponse.class.getClassLoader(),
                        new Class<?>[] {AsyncResponse.class},
                        (proxy, method, arguments) ->
                                switch (method.getName()) {
                                    case "setTimeoutHandler" -> {
                                        timeoutHandler = (TimeoutHandler) arguments[0];
                                        yield null;
                                    }
                                    case "setTimeout" -> {
                                        timeoutMillis =
                                                ((TimeUnit) arguments[1])
                                                        .toMillis((Long) arguments[0]);
                                        yield true;
                                    }
                                    case "resume" -> resumed.add(arguments[0]);
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }
}

package coffer.merch.boundary;

import coffer.merch.control.CredentialCache;
import coffer.merch.control.FailedLogins;
import coffer.merch.control.LoginQueue;
import coffer.merch.control.Passwords;
import coffer.merch.control.Tokens;
import coffer.merch.entity.Employee;
import coffer.merch.entity.TooManyAttempts;
import coffer.merch.entity.WrongPassword;
import coffer.problems.entity.ServiceOverloaded;
import coffer.problems.entity.ShuttingDown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code POST /api/auth}: the first login of a username registers it, later ones check the
 * password. A password bcrypt accepted lately is recognised by the {@link CredentialCache} and
 * answered at once, on the request's thread; any other login needs a hash, so it waits in the
 * {@link LoginQueue} with its request suspended, holding no HTTP worker. Its slot holds only the
 * hash (and the throttle's check just before it): the registration's transaction or the decision
 * runs once the slot has passed to the next login, so the slots' time is the hashes' time. The hash
 * runs outside any transaction.
 *
 * <p>The throttle is asked before any hash, so a username being guessed costs no hash: at once for
 * a login the cache recognises, and when its slot comes for any other. So the throttle's counts
 * hold only the logins being checked, as when every login held a worker: hundreds of first logins
 * queued from one address would otherwise fill the address's count (each takes its place before its
 * password is checked) and be refused 429 though not one password was wrong. A client over its
 * count is refused 429 once its turn comes: it costs a place in the queue, never a hash.
 */
@ApplicationScoped
public class Logins {

    @Inject Employees employees;

    @Inject Passwords passwords;

    @Inject CredentialCache credentialCache;

    @Inject FailedLogins failedLogins;

    @Inject Tokens tokens;

    @Inject LoginQueue queue;

    /**
     * Resumes the response with the login's token or its refusal, or with 503 once the client has
     * waited the queue's answer timeout.
     *
     * @param clientAddress who sent it, for the throttle
     * @throws TooManyAttempts when the throttle refuses a login the cache recognises
     * @throws ServiceOverloaded when its wait for a hashing slot would be too long
     * @throws ShuttingDown when the instance is stopping
     */
    public void answer(AsyncResponse response, Credentials credentials, String clientAddress) {
        Duration timeout = queue.answerTimeout();
        response.setTimeoutHandler(
                late ->
                        late.resume(
                                new ServiceOverloaded(
                                        "No answer within "
                                                + timeout.toMillis()
                                                + " ms: the login waited too long for a password"
                                                + " check slot; try again later")));
        response.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        login(credentials, clientAddress, employees.find(credentials.username()))
                .whenComplete(
                        (token, failure) -> {
                            if (failure == null) {
                                response.resume(token);
                            } else {
                                response.resume(
                                        failure instanceof CompletionException wrapped
                                                        && wrapped.getCause() != null
                                                ? wrapped.getCause()
                                                : failure);
                            }
                        });
    }

    /**
     * At once when the cache recognises the password; otherwise queued. In a slot, only what needs
     * it: the throttle's places are taken, then the hash runs; the registration or the decision
     * follows once the slot is handed on.
     */
    private CompletableFuture<Token> login(
            Credentials credentials, String clientAddress, Optional<Employee> known) {
        String username = credentials.username();
        String password = credentials.password();
        if (known.isPresent() && credentialCache.holds(username, password)) {
            return CompletableFuture.completedFuture(
                    remembered(known.get(), username, clientAddress));
        }
        if (known.isPresent()) {
            Employee employee = known.get();
            return inSlot(
                            username,
                            clientAddress,
                            () -> passwords.matches(password, employee.passwordHash()))
                    .thenApply(checked -> decided(checked, employee, credentials));
        }
        return inSlot(username, clientAddress, () -> passwords.hash(password))
                .thenCompose(hashed -> registered(hashed, credentials, clientAddress));
    }

    /** The token of a login the credential cache recognised, unless the throttle refuses it. */
    private Token remembered(Employee employee, String username, String clientAddress) {
        try (FailedLogins.Attempt attempt = failedLogins.begin(username, clientAddress)) {
            attempt.rightPassword();
            return tokenFor(employee);
        }
    }

    /** Takes the login's places in the throttle's counts, then hashes, in a slot. */
    private <T> CompletableFuture<Throttled<T>> inSlot(
            String username, String clientAddress, Supplier<T> hash) {
        return queue.submit(
                () -> {
                    FailedLogins.Attempt attempt = failedLogins.begin(username, clientAddress);
                    try {
                        return new Throttled<>(attempt, hash.get());
                    } catch (RuntimeException | Error failed) {
                        attempt.close();
                        throw failed;
                    }
                });
    }

    private Token decided(Throttled<Boolean> checked, Employee employee, Credentials credentials) {
        try (FailedLogins.Attempt attempt = checked.attempt()) {
            if (!checked.result()) {
                attempt.wrongPassword();
                throw new WrongPassword();
            }
            credentialCache.remember(credentials.username(), credentials.password());
            attempt.rightPassword();
            return tokenFor(employee);
        }
    }

    /**
     * A first login registers the username; if a concurrent first login of it won, the winner's
     * password decides, checked like any later login.
     */
    private CompletableFuture<Token> registered(
            Throttled<String> hashed, Credentials credentials, String clientAddress) {
        String username = credentials.username();
        try (FailedLogins.Attempt attempt = hashed.attempt()) {
            Optional<Employee> registered = employees.register(username, hashed.result());
            if (registered.isPresent()) {
                credentialCache.remember(username, credentials.password());
                return CompletableFuture.completedFuture(tokenFor(registered.get()));
            }
        }
        Employee winner =
                employees
                        .find(username)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "An employee registered concurrently cannot be"
                                                        + " found"));
        return login(credentials, clientAddress, Optional.of(winner));
    }

    private Token tokenFor(Employee employee) {
        return new Token(tokens.issue(employee.userId(), employee.username()));
    }

    /** A login's places in the throttle's counts, and what its hash gave. */
    private record Throttled<T>(FailedLogins.Attempt attempt, T result) {}
}

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
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/auth}: the first login of a username registers it, later ones check the
 * password. A password bcrypt accepted lately is recognised by the {@link CredentialCache} and
 * answered at once, on the request's thread; any other login needs a hash, so it waits in the
 * {@link LoginQueue} with its request suspended, holding no HTTP worker, and runs in one of its
 * slots. The hash runs outside any transaction.
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
     * @throws TooManyAttempts when the throttle refuses it
     * @throws ServiceOverloaded when its wait for a hashing slot would be too long
     * @throws ShuttingDown when the instance is stopping
     */
    public void answer(AsyncResponse response, Credentials credentials, String clientAddress) {
        String username = credentials.username();
        Optional<Employee> known = employees.find(username);
        if (known.isPresent() && credentialCache.holds(username, credentials.password())) {
            response.resume(remembered(known.get(), username, clientAddress));
            return;
        }
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
        queue.submit(() -> login(credentials, clientAddress))
                .whenComplete(
                        (token, failure) -> {
                            if (failure == null) {
                                response.resume(token);
                            } else {
                                response.resume(failure);
                            }
                        });
    }

    /** The token of a login the credential cache recognised, unless the throttle refuses it. */
    private Token remembered(Employee employee, String username, String clientAddress) {
        try (FailedLogins.Attempt attempt = failedLogins.begin(username, clientAddress)) {
            attempt.rightPassword();
            return tokenFor(employee);
        }
    }

    /** The login itself, in a hashing slot. */
    private Token login(Credentials credentials, String clientAddress) {
        String username = credentials.username();
        try (FailedLogins.Attempt attempt = failedLogins.begin(username, clientAddress)) {
            Optional<Employee> known = employees.find(username);
            if (known.isEmpty()) {
                Optional<Employee> registered =
                        employees.register(username, passwords.hash(credentials.password()));
                if (registered.isPresent()) {
                    credentialCache.remember(username, credentials.password());
                    return tokenFor(registered.get());
                }
                // A concurrent first login of this name won: its password decides.
                known = employees.find(username);
            }
            Employee employee =
                    known.orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "An employee registered concurrently cannot be found"));
            if (!credentialCache.holds(username, credentials.password())) {
                if (!passwords.matches(credentials.password(), employee.passwordHash())) {
                    attempt.wrongPassword();
                    throw new WrongPassword();
                }
                credentialCache.remember(username, credentials.password());
            }
            attempt.rightPassword();
            return tokenFor(employee);
        }
    }

    private Token tokenFor(Employee employee) {
        return new Token(tokens.issue(employee.userId(), employee.username()));
    }
}

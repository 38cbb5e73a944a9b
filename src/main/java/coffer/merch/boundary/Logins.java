package coffer.merch.boundary;

import coffer.merch.control.CredentialCache;
import coffer.merch.control.FailedLogins;
import coffer.merch.control.Passwords;
import coffer.merch.control.Tokens;
import coffer.merch.entity.Employee;
import coffer.merch.entity.WrongPassword;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@code POST /api/auth}: the first login of a username registers it, later ones check the
 * password. The throttle is asked first, so a username being guessed costs no hash; the hash runs
 * outside any transaction. A password bcrypt accepted lately is recognised by the {@link
 * CredentialCache} without a hash; any other goes to bcrypt.
 */
@ApplicationScoped
public class Logins {

    @Inject Employees employees;

    @Inject Passwords passwords;

    @Inject CredentialCache credentialCache;

    @Inject FailedLogins failedLogins;

    @Inject Tokens tokens;

    /**
     * @param clientAddress who sent it, for the throttle
     */
    public Token login(Credentials credentials, String clientAddress) {
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

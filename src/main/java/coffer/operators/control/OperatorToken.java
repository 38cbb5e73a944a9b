package coffer.operators.control;

import coffer.operators.entity.ConsoleReadOnly;
import coffer.operators.entity.OperatorUnauthorized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator token ({@code console.token}, the environment's {@code CONSOLE_TOKEN}) and the check
 * of an {@code Authorization} header against it. Without a token nobody may act: a default token
 * would be a password every installation shares. Compared through digests of equal length, so the
 * time a wrong guess takes tells nothing of the right token.
 */
@ApplicationScoped
public class OperatorToken {

    private static final String SCHEME = "Bearer ";

    @Inject
    @ConfigProperty(name = "console.token")
    Optional<String> token;

    protected OperatorToken() {}

    /** For tests: a token as configured, or none. */
    public OperatorToken(Optional<String> token) {
        this.token = token;
    }

    /** Whether actions are possible at all on this instance. */
    public boolean configured() {
        return configuredToken().isPresent();
    }

    /**
     * Lets the header through if it carries the token.
     *
     * @throws ConsoleReadOnly when no token is configured
     * @throws OperatorUnauthorized when the header is missing or carries another token
     */
    public void verify(String authorization) {
        byte[] expected = digest(configuredToken().orElseThrow(ConsoleReadOnly::new));
        if (authorization == null
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new OperatorUnauthorized(authorization != null);
        }
        String sent = authorization.substring(SCHEME.length()).strip();
        if (!MessageDigest.isEqual(expected, digest(sent))) {
            throw new OperatorUnauthorized(true);
        }
    }

    private Optional<String> configuredToken() {
        return token.map(String::strip).filter(value -> !value.isEmpty());
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}

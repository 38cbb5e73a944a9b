package coffer.access.boundary;

import coffer.access.control.CallerTokens;
import coffer.access.control.Sandbox;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Checks at deployment that callers can be authenticated, so a misconfigured instance fails to
 * start instead of refusing every request later: the identity provider's key, issuer and audience
 * are readable, or the sandbox is on and every HTTP listener is on loopback.
 */
@Startup
@Singleton
public class AccessCheck {

    @Inject Sandbox sandbox;

    @Inject CallerTokens tokens;

    @PostConstruct
    void check() {
        if (sandbox.open()) {
            sandbox.checkListeners();
        } else {
            tokens.configure();
        }
    }
}

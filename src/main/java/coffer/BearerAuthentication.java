package coffer;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a request whose credentials a filter has checked: the principal they
 * name, over a connection that is secure or not, by the bearer scheme. Shared by the filters of the
 * components that check bearer tokens (the shop's employees, the operators).
 */
public record BearerAuthentication(Principal getUserPrincipal, boolean isSecure)
        implements SecurityContext {

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}

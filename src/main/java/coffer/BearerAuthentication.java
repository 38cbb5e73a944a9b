package coffer;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/**
 * The security context of a request whose credentials a filter has checked: the principal they name
 * and the roles they grant, over a connection that is secure or not, by the bearer scheme. Shared
 * by the filters of the components that check bearer tokens (the shop's employees, the callers of
 * the API).
 */
public record BearerAuthentication(Principal getUserPrincipal, Set<String> roles, boolean isSecure)
        implements SecurityContext {

    @Override
    public boolean isUserInRole(String role) {
        return roles.contains(role);
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}

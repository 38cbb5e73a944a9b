package coffer.merch.boundary;

import coffer.BearerAuthentication;
import coffer.merch.control.Caller;
import coffer.merch.control.Tokens;
import coffer.merch.entity.Unauthenticated;
import coffer.problems.boundary.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;

/**
 * Lets a request to an {@link Authenticated} route through only with a valid {@code Authorization:
 * Bearer <token>}, and makes the employee it names the request's principal; any other request is
 * answered 401 with {@code WWW-Authenticate: Bearer} before the route is reached.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class BearerTokens implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    @Inject Tokens tokens;

    @Context UriInfo uriInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = token(header).flatMap(tokens::verify);
        if (caller.isEmpty()) {
            request.abortWith(
                    Response.fromResponse(Problems.of(new Unauthenticated(header != null), uriInfo))
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                            .build());
            return;
        }
        request.setSecurityContext(
                new BearerAuthentication(
                        caller.get(), Set.of(), request.getSecurityContext().isSecure()));
    }

    /** The caller a verified token speaks for, from the request's security context. */
    static Caller caller(SecurityContext security) {
        return (Caller) security.getUserPrincipal();
    }

    private static Optional<String> token(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME.length()).strip());
    }
}

package coffer.access.boundary;

import coffer.BearerAuthentication;
import coffer.access.control.Caller;
import coffer.access.control.CallerTokens;
import coffer.access.control.Sandbox;
import coffer.access.entity.NotAuthenticated;
import coffer.access.entity.NotPermitted;
import coffer.problems.boundary.Problems;
import coffer.problems.entity.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request through to a route only if its caller may call it ({@link AccessRule}): with a
 * bearer token {@link CallerTokens} accepts whose roles include one the route names, the caller
 * then being the request's principal. Anything else is answered before the route runs, so it
 * changes nothing: 401 without an acceptable token, 403 without the role, each as problem details
 * with the {@code WWW-Authenticate} challenge of RFC 6750. Open routes (the merch shop, which
 * checks its own tokens, the console's page, the API documentation, the metrics) are not touched;
 * in the loopback sandbox, every route is open to the {@link Sandbox#CALLER}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessGate implements ContainerRequestFilter {

    @Inject CallerTokens tokens;

    @Inject Sandbox sandbox;

    @Context ResourceInfo route;

    @Context UriInfo uriInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        AccessRule rule = AccessRule.of(route.getResourceMethod(), route.getResourceClass());
        if (rule.open()) {
            return;
        }
        try {
            Caller caller =
                    sandbox.open()
                            ? Sandbox.CALLER
                            : tokens.verify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
            if (!rule.allows(caller.roles())) {
                throw new NotPermitted(rule.roles().orElseThrow());
            }
            request.setSecurityContext(
                    new BearerAuthentication(
                            caller, caller.roles(), request.getSecurityContext().isSecure()));
        } catch (NotAuthenticated refused) {
            request.abortWith(refusal(refused, refused.challenge()));
        } catch (NotPermitted refused) {
            request.abortWith(refusal(refused, NotPermitted.CHALLENGE));
        }
    }

    private Response refusal(ProblemException refused, String challenge) {
        return Response.fromResponse(Problems.of(refused, uriInfo))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }
}

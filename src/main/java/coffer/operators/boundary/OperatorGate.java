package coffer.operators.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Records who took an {@link OperatorAction}: logs every such request, refused or not, with who,
 * from where, when and its status, the audit of what operators did. Who may act is decided before
 * (the routes need the operator role, {@code coffer.access}); this filter runs after that and takes
 * the operator's name from the request's principal, the caller the token names. A refused request
 * never reaches it, so its log line says it was refused.
 */
@Provider
@OperatorAction
@Priority(Priorities.AUTHORIZATION)
public class OperatorGate implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(OperatorGate.class.getName());
    private static final String OPERATOR = OperatorGate.class.getName() + ".operator";

    @Inject Clock clock;

    @Context UriInfo uriInfo;

    @Context HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(OPERATOR, request.getSecurityContext().getUserPrincipal().getName());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object operator = request.getProperty(OPERATOR);
        String forwarded = request.getHeaderString("X-Forwarded-For");
        LOG.info(
                () ->
                        "Operator action by "
                                + (operator == null ? "(refused: no valid token)" : operator)
                                + " from "
                                + servletRequest.getRemoteAddr()
                                + (forwarded == null ? "" : " (forwarded for " + forwarded + ")")
                                + " at "
                                + clock.instant()
                                + ": "
                                + request.getMethod()
                                + " /"
                                + uriInfo.getPath()
                                + " -> "
                                + response.getStatus());
    }
}

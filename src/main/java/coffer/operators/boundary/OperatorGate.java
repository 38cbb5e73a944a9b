package coffer.operators.boundary;

import coffer.logs.control.LogText;
import coffer.requests.boundary.ClientAddresses;
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
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Records who took an {@link OperatorAction}: logs every such request, refused or not, with who,
 * from where, when and its status, the audit of what operators did. Who may act is decided before
 * (the routes need the operator role, {@code coffer.access}); this filter runs after that and takes
 * the operator's name from the request's principal, the caller the token names. A refused request
 * never reaches it, so its log line says it was refused. Where is the connection's address, or the
 * client a configured proxy forwarded for ({@link ClientAddresses}); what the caller wrote is
 * escaped, so that no request can write a line of its own.
 */
@Provider
@OperatorAction
@Priority(Priorities.AUTHORIZATION)
public class OperatorGate implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(OperatorGate.class.getName());
    private static final String OPERATOR = OperatorGate.class.getName() + ".operator";

    @Inject Clock clock;

    @Inject ClientAddresses clientAddresses;

    @Context UriInfo uriInfo;

    @Context HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(OPERATOR, request.getSecurityContext().getUserPrincipal().getName());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object operator = request.getProperty(OPERATOR);
        String connection = servletRequest.getRemoteAddr();
        String client = clientAddresses.of(servletRequest);
        Instant at = clock.instant();
        LOG.info(
                () ->
                        auditLine(
                                operator == null ? null : operator.toString(),
                                client,
                                connection,
                                at,
                                request.getMethod() + " /" + uriInfo.getPath(),
                                response.getStatus()));
    }

    /**
     * One line, whatever the request held: the path is the decoded one, where {@code %0A} is a line
     * break, so every part a caller chose is escaped.
     */
    static String auditLine(
            String operator,
            String client,
            String connection,
            Instant at,
            String request,
            int status) {
        return "Operator action by "
                + (operator == null ? "(refused: no valid token)" : LogText.escaped(operator))
                + " from "
                + client
                + (client.equals(connection) ? "" : " (via proxy " + connection + ")")
                + " at "
                + at
                + ": "
                + LogText.escaped(request)
                + " -> "
                + status;
    }
}

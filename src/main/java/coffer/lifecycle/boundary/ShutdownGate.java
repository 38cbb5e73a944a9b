package coffer.lifecycle.boundary;

import coffer.lifecycle.control.Draining;
import coffer.problems.boundary.Problems;
import coffer.problems.entity.ShuttingDown;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * The door every request passes: once the instance refuses new requests it answers {@code 503
 * shutting-down} with {@code Retry-After} before any route runs, so nothing is changed and no
 * client meets Payara's own error page or a closed connection while the listener is up; the
 * requests it lets in are counted until answered, so the drain knows when they are done.
 */
@Provider
@PreMatching
public class ShutdownGate implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ADMITTED = ShutdownGate.class.getName() + ".admitted";

    @Inject Draining draining;

    @Context UriInfo request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (draining.admit()) {
            context.setProperty(ADMITTED, Boolean.TRUE);
        } else {
            context.abortWith(
                    Problems.of(
                            new ShuttingDown(
                                    "This instance is shutting down; nothing was done. Retry:"
                                            + " another instance will answer."),
                            request));
        }
    }

    @Override
    public void filter(ContainerRequestContext context, ContainerResponseContext response) {
        if (context.getProperty(ADMITTED) != null) {
            context.removeProperty(ADMITTED);
            draining.answered();
        }
    }
}

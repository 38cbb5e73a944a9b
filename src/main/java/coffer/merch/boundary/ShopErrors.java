package coffer.merch.boundary;

import coffer.problems.entity.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every problem of the shop's routes the member the shop's original clients read: {@code
 * errors}, a string, set to the problem's {@code detail}, beside RFC 9457's members. A list of
 * field errors some problems carry under that name gives way to it; the detail names the same
 * fields.
 */
@Provider
@MerchApi
public class ShopErrors implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            response.setEntity(
                    withErrors(problem), response.getEntityAnnotations(), response.getMediaType());
        }
    }

    static Problem withErrors(Problem problem) {
        return problem.with("errors", problem.detail());
    }
}

package coffer.openapi.boundary;

import coffer.Open;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Someone who opens the service's root in a browser lands on its documentation. */
@ApplicationScoped
@Open
@Path("")
public class RootResource {

    @GET
    @Operation(hidden = true)
    public Response root(@Context UriInfo uriInfo) {
        return Response.seeOther(uriInfo.getBaseUriBuilder().path("swagger-ui/").build()).build();
    }
}

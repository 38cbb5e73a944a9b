package coffer.balance.boundary;

import coffer.balance.entity.UserBalance;
import coffer.balance.entity.UserId;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Users")
public class UsersResource {

    @Inject
    Balances balances;

    @Context
    UriInfo uriInfo;

    @POST
    @Operation(summary = "Open a user with an opening balance (default 10000)")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "NewUser")))
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/users/{userId}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "UserBalance")))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response open(JsonObject body) {
        UserBalance opened = balances.open(NewUser.from(body).balance());
        return Response.created(uriInfo.getBaseUriBuilder().path("users")
                .path(Long.toString(opened.userId())).build()).entity(opened).build();
    }

    @GET
    @Path("{userId}")
    @Operation(summary = "A user and their balance")
    @APIResponse(responseCode = "200", description = "The user's balance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "UserBalance")))
    @APIResponse(responseCode = "400", ref = "InvalidUserId")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    public UserBalance user(@PathParam("userId") @Parameter(ref = "UserId") UserId userId) {
        return balances.balanceOf(userId);
    }
}

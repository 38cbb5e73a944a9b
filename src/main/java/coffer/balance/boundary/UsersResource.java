package coffer.balance.boundary;

import coffer.Needs;
import coffer.Roles;
import coffer.balance.control.BalanceChange;
import coffer.idempotency.boundary.Answers;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.entity.UserRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Users as the balance API sees them: opening one, its balance, and the older clients' change
 * route. The ledger's routes under {@code /users} (accruals, spends, entries, imports) are the
 * ledger's own resource; Jersey merges root resources that share a path into one.
 */
@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Users")
public class UsersResource {

    @Inject Balances balances;

    @Inject QueuedAnswers queues;

    @Context UriInfo uriInfo;

    @POST
    @Needs(Roles.WRITE)
    @Operation(
            summary = "Open a user with an opening balance (default 10000)",
            description =
                    "With id, a UUID, the user has that external id, by which every route can"
                            + " name it; 409 user-exists when another user has it.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "NewUser")))
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "UserBalance")))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "409", ref = "UserExistsOrKeyReused")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response open(JsonObject body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        NewUser user = NewUser.from(body);
        return Answers.toResponse(
                balances.open(
                        user.balance(),
                        user.externalId(),
                        IdempotencyKey.of(idempotencyKey, Optional.empty())),
                path());
    }

    @POST
    @Needs(Roles.WRITE)
    @Path("updateBalance")
    @Operation(
            summary = "Credit or debit a balance (older clients' route)",
            description =
                    "Same operation, body and answers as POST /balance/update: the route"
                            + " the HighLoad Balance App's clients call.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "BalanceUpdate")))
    @APIResponse(
            responseCode = "200",
            description = "Applied; the new balance",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "UserBalance")))
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(responseCode = "400", ref = "RefusedChange")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    @APIResponse(responseCode = "409", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public void updateBalance(
            JsonObject body,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Suspended AsyncResponse response) {
        BalanceUpdate update = BalanceUpdate.from(body);
        queues.answer(
                response,
                update.user(),
                new BalanceChange(
                        update.amount(), IdempotencyKey.of(idempotencyKey, Optional.empty())),
                path());
    }

    @GET
    @Needs(Roles.READ)
    @Path("{userId}")
    @Operation(summary = "A user and the balance available to them")
    @APIResponse(
            responseCode = "200",
            description = "The user's balance",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "UserBalance")))
    @APIResponse(responseCode = "400", ref = "InvalidUserId")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    public UserBalance user(@PathParam("userId") @Parameter(ref = "UserId") UserRef userId) {
        return balances.balanceOf(userId);
    }

    private String path() {
        return uriInfo.getRequestUri().getRawPath();
    }
}

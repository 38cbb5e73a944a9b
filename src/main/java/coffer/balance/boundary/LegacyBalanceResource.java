package coffer.balance.boundary;

import coffer.Needs;
import coffer.Roles;
import coffer.balance.control.BalanceChange;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.entity.UserRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The route older clients use for the same operation as {@code POST /balance/update}. */
@ApplicationScoped
@Path("user-balance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Balances")
public class LegacyBalanceResource {

    @Inject QueuedAnswers queues;

    @Context UriInfo uriInfo;

    @PUT
    @Needs(Roles.WRITE)
    @Path("{userId}")
    @Operation(
            summary = "Credit or debit a balance (older clients' route)",
            description = "Same operation and answers as POST /balance/update.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "BalanceDelta")))
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
    public void update(
            @PathParam("userId") @Parameter(ref = "UserId") UserRef userId,
            JsonObject body,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Suspended AsyncResponse response) {
        queues.answer(
                response,
                userId,
                new BalanceChange(
                        BalanceDelta.from(body).delta(),
                        IdempotencyKey.of(idempotencyKey, Optional.empty())),
                uriInfo.getRequestUri().getRawPath());
    }
}

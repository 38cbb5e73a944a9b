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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("balance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Balances")
public class BalanceResource {

    private static final String PATH = "/balance/update";

    @Inject Balances balances;

    @Inject QueuedAnswers queues;

    @GET
    @Needs(Roles.READ)
    @Path("{userId}")
    @Operation(summary = "A user's balance")
    @APIResponse(
            responseCode = "200",
            description = "The balance",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "UserBalance")))
    @APIResponse(responseCode = "400", ref = "InvalidUserId")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    public UserBalance balance(@PathParam("userId") @Parameter(ref = "UserId") UserRef userId) {
        return balances.balanceOf(userId);
    }

    @POST
    @Needs(Roles.WRITE)
    @Path("update")
    @Operation(
            summary = "Credit (positive amount) or debit (negative amount) a balance",
            description =
                    "Atomic: applied in full or not at all. A debit never takes a balance"
                            + " below zero, however many run at once.")
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
    public void update(
            JsonObject body,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Suspended AsyncResponse response) {
        BalanceUpdate update = BalanceUpdate.from(body);
        queues.answer(
                response,
                update.user(),
                new BalanceChange(
                        update.amount(), IdempotencyKey.of(idempotencyKey, Optional.empty())),
                PATH);
    }
}

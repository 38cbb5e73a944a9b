package coffer.balance.boundary;

import coffer.Needs;
import coffer.Roles;
import coffer.balance.entity.UserBalance;
import coffer.idempotency.boundary.Answers;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.boundary.AccrualRequest;
import coffer.ledger.boundary.BooksView;
import coffer.ledger.boundary.EntryView;
import coffer.ledger.boundary.Imported;
import coffer.ledger.boundary.Imports;
import coffer.ledger.boundary.Ledger;
import coffer.ledger.boundary.SpendRequest;
import coffer.ledger.entity.UserRef;
import coffer.problems.entity.InvalidRequest;
import coffer.requests.boundary.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users and their books. One class for every {@code /users} route: JAX-RS matches by class. */
@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Users")
public class UsersResource {

    @Inject Balances balances;

    @Inject Ledger ledger;

    @Inject AccountQueues queues;

    @Inject Imports imports;

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
    @Needs(Roles.OPERATOR)
    @Path("import")
    @Operation(
            summary = "Open users in bulk, with the ids and balances they had elsewhere",
            description =
                    "A JSON array of users, each with its number (id), its UUID (externalId) or"
                            + " both, and its opening balance. All or nothing: every user is opened,"
                            + " with one OPENING ledger entry, or none is. Run again, it changes"
                            + " nothing: a user found with the item's ids and opening balance counts"
                            + " as there already. At most 32 MiB per request.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "UserImport")))
    @APIResponse(
            responseCode = "200",
            description = "Imported: how many users were opened and how many were there already",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Imported")))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "409", ref = "UserExists")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Imported importUsers(InputStream body) {
        return imports.open(UserImport.read(body));
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

    @GET
    @Needs(Roles.READ)
    @Path("{userId}/balance")
    @Operation(summary = "The balance available to a user, and the points that expire next")
    @APIResponse(
            responseCode = "200",
            description = "The balance",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "BooksView")))
    @APIResponse(responseCode = "400", ref = "InvalidUserId")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    public BooksView books(@PathParam("userId") @Parameter(ref = "UserId") UserRef userId) {
        return ledger.books(userId);
    }

    @GET
    @Needs(Roles.READ)
    @Path("{userId}/ledger")
    @Operation(summary = "A user's ledger entries, newest first")
    @APIResponse(
            responseCode = "200",
            description = "The entries",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Ledger")))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    public List<EntryView> entries(
            @PathParam("userId") @Parameter(ref = "UserId") UserRef userId,
            @Parameter(ref = "Limit") @QueryParam("limit") @DefaultValue("20") Limit limit) {
        return ledger.entries(userId, limit.value());
    }

    @POST
    @Needs(Roles.WRITE)
    @Path("{userId}/accruals")
    @Operation(
            summary = "Credit points, optionally expiring at a moment",
            description =
                    "Points with an expiry count until that moment and are spent before"
                            + " others, soonest to expire first.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "AccrualRequest")))
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(
            responseCode = "201",
            description = "Accrued; the available balance after it",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Accrued")))
    @APIResponse(responseCode = "400", ref = "RefusedChange")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    @APIResponse(responseCode = "409", ref = "IdempotencyKeyReused")
    public Response accrue(
            @PathParam("userId") @Parameter(ref = "UserId") UserRef userId,
            JsonObject body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        AccrualRequest accrual = AccrualRequest.from(body);
        return Answers.toResponse(
                ledger.accrue(
                        userId, accrual, IdempotencyKey.of(idempotencyKey, accrual.requestId())),
                path());
    }

    @POST
    @Needs(Roles.WRITE)
    @Path("{userId}/spend")
    @Operation(
            summary = "Spend points, once per idempotency key",
            description =
                    "Consumes expiring points soonest-to-expire first, then the rest of the"
                            + " balance. The same key and amount again answers the first result with"
                            + " duplicated: true and changes nothing; a refusal is answered again too.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "SpendRequest")))
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(
            responseCode = "200",
            description = "Spent, or the replay of an earlier spend",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Spent")))
    @APIResponse(responseCode = "400", ref = "RefusedChange")
    @APIResponse(responseCode = "404", ref = "UserNotFound")
    @APIResponse(responseCode = "409", ref = "IdempotencyKeyReused")
    public Response spend(
            @PathParam("userId") @Parameter(ref = "UserId") UserRef userId,
            JsonObject body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        SpendRequest spend = SpendRequest.from(body);
        IdempotencyKey key =
                IdempotencyKey.of(idempotencyKey, spend.requestId())
                        .orElseThrow(
                                () ->
                                        new InvalidRequest(
                                                "A spend needs an idempotency key: send an"
                                                        + " Idempotency-Key header or a requestId in the body."));
        return Answers.toResponse(ledger.spend(userId, spend.amount(), key), path());
    }

    private String path() {
        return uriInfo.getRequestUri().getRawPath();
    }
}

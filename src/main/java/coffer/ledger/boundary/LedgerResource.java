package coffer.ledger.boundary;

import coffer.Needs;
import coffer.Roles;
import coffer.idempotency.boundary.Answers;
import coffer.idempotency.entity.IdempotencyKey;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ledger's routes under {@code /users}: a user's points (accrued, spent, shown with what
 * expires next), its entries, and opening users in bulk. The balance component serves the other
 * {@code /users} routes; Jersey merges root resources that share a path into one.
 */
@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Users")
public class LedgerResource {

    @Inject Points points;

    @Inject Imports imports;

    @Context UriInfo uriInfo;

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
        return points.books(userId);
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
        return points.entries(userId, limit.value());
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
                points.accrue(
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
        return Answers.toResponse(points.spend(userId, spend.amount(), key), path());
    }

    private String path() {
        return uriInfo.getRequestUri().getRawPath();
    }
}

package coffer.merch.boundary;

import coffer.Open;
import coffer.idempotency.boundary.Answers;
import coffer.idempotency.control.Answer;
import coffer.idempotency.entity.IdempotencyKey;
import coffer.merch.entity.Item;
import coffer.merch.entity.UnknownItem;
import coffer.requests.boundary.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The merch shop's routes, on the exact contract of the shop's existing clients. */
@ApplicationScoped
@Open
@Path("api")
@MerchApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(ref = "Merch")
public class MerchResource {

    @Inject Logins logins;

    @Inject ClientAddresses clientAddresses;

    @Inject
    @ConfigProperty(name = "merch.password.min-length", defaultValue = "8")
    int passwordMinimum;

    @Context HttpServletRequest request;

    @Inject Shop shop;

    @Context UriInfo uriInfo;

    @POST
    @Path("auth")
    @Operation(summary = "Log in; the first login of a username registers it with 1000 coins")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "AuthRequest")))
    @APIResponse(
            responseCode = "200",
            description = "The bearer token for the other routes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "AuthResponse")))
    @APIResponse(responseCode = "400", ref = "MerchInvalidRequest")
    @APIResponse(responseCode = "401", ref = "MerchWrongPassword")
    @APIResponse(responseCode = "429", ref = "MerchTooManyAttempts")
    @APIResponse(responseCode = "503", ref = "MerchOverloaded")
    public void auth(JsonObject body, @Suspended AsyncResponse response) {
        logins.answer(
                response, Credentials.from(body, passwordMinimum), clientAddresses.of(request));
    }

    @GET
    @Path("info")
    @Authenticated
    @Operation(summary = "The employee's coins, inventory and coin history per counterpart")
    @SecurityRequirement(name = "bearer")
    @APIResponse(
            responseCode = "200",
            description = "Coins, inventory, grouped history",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "InfoResponse")))
    @APIResponse(responseCode = "401", ref = "MerchUnauthorized")
    public Info info(@Context SecurityContext security) {
        return shop.info(BearerTokens.caller(security));
    }

    @POST
    @Path("sendCoin")
    @Authenticated
    @Operation(
            summary = "Send coins to another employee",
            description =
                    "One transaction: the sender's debit, the recipient's credit, both in"
                            + " the ledger (TRANSFER_OUT, TRANSFER_IN). A refusal changes nothing.")
    @SecurityRequirement(name = "bearer")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "SendCoinRequest")))
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(responseCode = "200", description = "Sent; no body")
    @APIResponse(responseCode = "400", ref = "MerchRefusedTransfer")
    @APIResponse(responseCode = "401", ref = "MerchUnauthorized")
    @APIResponse(responseCode = "409", ref = "IdempotencyKeyReused")
    public Response sendCoin(
            @Context SecurityContext security,
            JsonObject body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return answer(
                shop.send(
                        BearerTokens.caller(security),
                        CoinTransfer.from(body),
                        IdempotencyKey.of(idempotencyKey, Optional.empty())));
    }

    @GET
    @Path("buy/{item}")
    @Authenticated
    @Operation(
            summary = "Buy one item of merch",
            description =
                    "A GET, as the shop's clients send it; POST does the same. One"
                            + " transaction: the debit (a PURCHASE ledger entry) and the inventory.")
    @SecurityRequirement(name = "bearer")
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(responseCode = "200", description = "Bought; no body")
    @APIResponse(responseCode = "400", ref = "MerchRefusedPurchase")
    @APIResponse(responseCode = "401", ref = "MerchUnauthorized")
    @APIResponse(responseCode = "409", ref = "IdempotencyKeyReused")
    public Response buy(
            @Context SecurityContext security,
            @PathParam("item") @Parameter(ref = "MerchItem") String item,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Item bought = Item.of(item).orElseThrow(() -> new UnknownItem(item));
        return answer(
                shop.buy(
                        BearerTokens.caller(security),
                        bought,
                        IdempotencyKey.of(idempotencyKey, Optional.empty())));
    }

    @POST
    @Path("buy/{item}")
    @Authenticated
    @Operation(summary = "Buy one item of merch (the same as the GET)")
    @SecurityRequirement(name = "bearer")
    @Parameter(ref = "IdempotencyKey")
    @APIResponse(responseCode = "200", description = "Bought; no body")
    @APIResponse(responseCode = "400", ref = "MerchRefusedPurchase")
    @APIResponse(responseCode = "401", ref = "MerchUnauthorized")
    @APIResponse(responseCode = "409", ref = "IdempotencyKeyReused")
    public Response buyByPost(
            @Context SecurityContext security,
            @PathParam("item") @Parameter(ref = "MerchItem") String item,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return buy(security, item, idempotencyKey);
    }

    /** An accepted change has no body, as the shop's clients expect; a refusal is a problem. */
    private Response answer(Answer<Void> answer) {
        return Answers.toResponse(answer, uriInfo.getRequestUri().getRawPath());
    }
}

package coffer.ledger.boundary;

import coffer.Needs;
import coffer.Roles;
import coffer.jobs.boundary.JobView;
import coffer.jobs.boundary.Jobs;
import coffer.ledger.control.ExpireAccruals;
import coffer.operators.boundary.OperatorAction;
import coffer.requests.boundary.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The route that queues the ledger's expiry write-off and shows how it went. */
@ApplicationScoped
@Path("jobs/expire-accruals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "Jobs")
public class ExpiryJobResource {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** Created once: {@code Json.createReader} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject Jobs jobs;

    /** Takes no body, or an empty object: a member would be a setting it silently ignored. */
    @POST
    @Needs(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue the expire-accruals job",
            description =
                    "Runs on one instance of the cluster within a second. While a job is"
                            + " queued or running, answers that job instead of queuing another. Takes no"
                            + " body, or an empty JSON object.")
    @APIResponse(
            responseCode = "202",
            description = "The job that is queued or running, with queued: true",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "QueuedJob")))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response enqueue(JsonObject body) {
        JsonFields.ofOptional(body).validate();
        return queued();
    }

    /**
     * The operator's way to queue the job, from the console: the same as {@link #enqueue}, with the
     * action logged. Both need the operator role: the job writes balances off.
     */
    @POST
    @Needs(Roles.OPERATOR)
    @Path("requeue")
    @OperatorAction
    @Operation(
            summary = "Queue the expire-accruals job again, as an operator",
            description =
                    "What POST /jobs/expire-accruals does (a failed job's successor, or the job"
                            + " already queued or running), as an operator's action, logged with who"
                            + " took it. Takes no body.")
    @APIResponse(
            responseCode = "202",
            description = "The job that is queued or running",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Job")))
    @APIResponse(responseCode = "401", ref = "AuthenticationRequired")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response requeue() {
        return queued();
    }

    @GET
    @Needs(Roles.READ)
    @Operation(summary = "The expire-accruals job's state, attempts and counts")
    @APIResponse(
            responseCode = "200",
            description = "The current or last job",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Job")))
    public JobView state() {
        return jobs.job(ExpireAccruals.JOB);
    }

    private Response queued() {
        return Response.accepted(withQueued(jobs.enqueue(ExpireAccruals.JOB, ExpireAccruals.TASK)))
                .build();
    }

    /**
     * The job's state with {@code "queued": true} first: the bonus service's clients read that
     * member, Coffer's own the job's state.
     */
    private static JsonObject withQueued(JobView job) {
        JsonObject state = JSON.createReader(new StringReader(JSONB.toJson(job))).readObject();
        return JSON.createObjectBuilder()
                .add("queued", true)
                .addAll(JSON.createObjectBuilder(state))
                .build();
    }
}

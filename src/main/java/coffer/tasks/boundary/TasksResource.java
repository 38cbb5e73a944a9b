package coffer.tasks.boundary;

import coffer.Needs;
import coffer.Roles;
import coffer.operators.boundary.OperatorAction;
import coffer.requests.boundary.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "Tasks")
public class TasksResource {

    @Inject Tasks tasks;

    @Inject TaskActions actions;

    @GET
    @Needs(Roles.READ)
    @Operation(
            summary =
                    "Every task with its schedule, lease and last run; the pending ones in"
                            + " the order they run next")
    @APIResponse(
            responseCode = "200",
            description = "The tasks",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "TasksOverview")))
    public TasksOverview overview() {
        return tasks.overview();
    }

    @GET
    @Needs(Roles.READ)
    @Path("{name}/history")
    @Operation(summary = "A task's runs, newest first")
    @APIResponse(
            responseCode = "200",
            description = "The runs",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "TaskHistory")))
    @APIResponse(responseCode = "400", ref = "InvalidLimit")
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    public List<RunView> history(
            @Parameter(description = "The task's name", example = "TestTask1") @PathParam("name")
                    String name,
            @Parameter(ref = "Limit") @QueryParam("limit") @DefaultValue("20") Limit limit) {
        return tasks.history(name, limit.value());
    }

    @POST
    @Needs(Roles.OPERATOR)
    @Path("{name}/run")
    @OperatorAction
    @Operation(
            summary = "Run the task now",
            description =
                    "Makes the task due at once: an instance claims it within a second. Recorded"
                            + " in its history as RUN_REQUESTED with the operator's name.")
    @APIResponse(
            responseCode = "202",
            description = "The task, due now",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = "AuthenticationRequired")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "TaskNotStartable")
    public Response runNow(
            @Parameter(description = "The task's name", example = "TestTask1") @PathParam("name")
                    String name,
            @Context SecurityContext operator) {
        return Response.accepted(actions.runNow(name, operator.getUserPrincipal().getName()))
                .build();
    }

    @POST
    @Needs(Roles.OPERATOR)
    @Path("{name}/pause")
    @OperatorAction
    @Operation(
            summary = "Pause the task",
            description =
                    "No instance claims the task until it is resumed; a run in progress"
                            + " finishes. Recorded in its history as PAUSED; pausing a paused task"
                            + " changes nothing.")
    @APIResponse(
            responseCode = "200",
            description = "The task, paused",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = "AuthenticationRequired")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    public TaskView pause(
            @Parameter(description = "The task's name", example = "TestTask1") @PathParam("name")
                    String name,
            @Context SecurityContext operator) {
        return actions.pause(name, operator.getUserPrincipal().getName());
    }

    @POST
    @Needs(Roles.OPERATOR)
    @Path("{name}/resume")
    @OperatorAction
    @Operation(
            summary = "Resume a paused task",
            description =
                    "The task is claimed again by the schedule; at once if it fell due while"
                            + " paused. Recorded in its history as RESUMED; resuming a task that is"
                            + " not paused changes nothing.")
    @APIResponse(
            responseCode = "200",
            description = "The task, no longer paused",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Task")))
    @APIResponse(responseCode = "401", ref = "AuthenticationRequired")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    public TaskView resume(
            @Parameter(description = "The task's name", example = "TestTask1") @PathParam("name")
                    String name,
            @Context SecurityContext operator) {
        return actions.resume(name, operator.getUserPrincipal().getName());
    }
}

package coffer.tasks.boundary;

import coffer.requests.boundary.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    @GET
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
}

package coffer.tasks.boundary;

import coffer.Needs;
import coffer.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "Tasks")
public class InstancesResource {

    @Inject Tasks tasks;

    @GET
    @Needs(Roles.READ)
    @Operation(
            summary =
                    "The instances that run tasks, live and recently gone, with the tasks"
                            + " each runs now")
    @APIResponse(
            responseCode = "200",
            description = "The instances",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Instances")))
    public List<InstanceView> instances() {
        return tasks.instances();
    }
}

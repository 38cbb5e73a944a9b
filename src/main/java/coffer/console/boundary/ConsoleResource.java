package coffer.console.boundary;

import coffer.BundledPages;
import coffer.Needs;
import coffer.Open;
import coffer.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the console: its three static files, its state, and the stream of its state. The stream
 * tells nginx (and any proxy that honours it) not to buffer it, so each event reaches the page when
 * it is sent.
 */
@ApplicationScoped
@Path("console")
@Tag(ref = "Console")
public class ConsoleResource {

    private static final Map<String, String> FILES =
            Map.of(
                    "index.html", "text/html; charset=utf-8",
                    "console.css", "text/css; charset=utf-8",
                    "console.js", "text/javascript; charset=utf-8");

    @Inject ConsoleFeed feed;

    @Inject ConsoleState state;

    @GET
    @Open
    @Operation(hidden = true)
    public Response page(@Context UriInfo uriInfo) {
        return BundledPages.slashRedirect(uriInfo, "console/").orElseGet(() -> file("index.html"));
    }

    @GET
    @Open
    @Path("{file}")
    @Operation(hidden = true)
    public Response file(@PathParam("file") String name) {
        // Revalidated on every load: a new version of Coffer must not meet last version's script.
        CacheControl cache = new CacheControl();
        cache.setNoCache(true);
        return BundledPages.file("console/" + name, FILES.get(name), cache);
    }

    @GET
    @Needs(Roles.READ)
    @Path("state")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "What the console shows: tasks, instances, the expire-accruals job",
            description =
                    "GET /tasks, GET /instances and GET /jobs/expire-accruals read in one"
                            + " transaction, and whether this instance takes operator actions.")
    @APIResponse(
            responseCode = "200",
            description = "The state",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ConsoleState")))
    public ConsoleView state() {
        return state.now();
    }

    @GET
    @Needs(Roles.READ)
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "The console's state as Server-Sent Events",
            description =
                    "An event named state, with the body of GET /console/state, at once and then"
                            + " every second.")
    @APIResponse(responseCode = "200", description = "The stream")
    public void events(
            @Context SseEventSink watcher,
            @Context Sse sse,
            @Context HttpServletResponse response) {
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-cache");
        feed.watch(watcher, sse);
    }
}

package coffer;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;

/**
 * The pages Coffer ships inside the WAR (Swagger UI, the console). A page answers at its path with
 * a trailing slash, because it loads its files by relative path, which resolve only under it.
 */
public final class BundledPages {

    private BundledPages() {}

    /**
     * A permanent redirect to {@code page} (ending in a slash) when the request lacked the slash.
     */
    public static Optional<Response> slashRedirect(UriInfo uriInfo, String page) {
        if (uriInfo.getPath().endsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(
                Response.status(Response.Status.MOVED_PERMANENTLY)
                        .location(uriInfo.getBaseUriBuilder().path(page).build())
                        .build());
    }

    /**
     * The class-path resource as {@code type} under the given cache policy; 404 when the type is
     * null (not one of the page's files) or the resource is missing.
     */
    public static Response file(String resource, String type, CacheControl cache) {
        InputStream content =
                type == null
                        ? null
                        : BundledPages.class.getClassLoader().getResourceAsStream(resource);
        if (content == null) {
            throw new NotFoundException();
        }
        return Response.ok(content, type).cacheControl(cache).build();
    }
}

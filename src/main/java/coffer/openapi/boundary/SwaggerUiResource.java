package coffer.openapi.boundary;

import coffer.BundledPages;
import coffer.Open;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Serves Swagger UI at {@code /swagger-ui/}: the webjar's static files, except the initializer,
 * which is ours and points the page at {@code /openapi}. Only the listed files are served.
 */
@ApplicationScoped
@Open
@Path("swagger-ui")
public class SwaggerUiResource {

    private static final String WEBJAR =
            "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    private static final String INITIALIZER = "swagger-initializer.js";
    private static final Map<String, String> FILES =
            Map.of(
                    "index.html",
                    "text/html; charset=utf-8",
                    "index.css",
                    "text/css",
                    "swagger-ui.css",
                    "text/css",
                    "swagger-ui-bundle.js",
                    "text/javascript",
                    "swagger-ui-standalone-preset.js",
                    "text/javascript",
                    INITIALIZER,
                    "text/javascript",
                    "favicon-16x16.png",
                    "image/png",
                    "favicon-32x32.png",
                    "image/png");

    @GET
    @Operation(hidden = true)
    public Response page(@Context UriInfo uriInfo) {
        return BundledPages.slashRedirect(uriInfo, "swagger-ui/")
                .orElseGet(() -> file("index.html"));
    }

    @GET
    @Path("{file}")
    @Operation(hidden = true)
    public Response file(@PathParam("file") String name) {
        String resource = INITIALIZER.equals(name) ? "swagger-ui/" + name : WEBJAR + name;
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return BundledPages.file(resource, FILES.get(name), cache);
    }

    private static String webjarVersion() {
        try (InputStream pom =
                SwaggerUiResource.class
                        .getClassLoader()
                        .getResourceAsStream(
                                "META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("The Swagger UI webjar is not in the WAR");
            }
            Properties properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version");
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}

package coffer.metrics.boundary;

import coffer.metrics.control.Traffic;
import coffer.problems.entity.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every request JAX-RS serves, from before its route is matched (so a 404 counts too) to its
 * response, also one resumed later by a balance lane. The route label is the resource's path
 * template ({@code /users/{userId}/spend}), never the path itself, which holds user ids; requests
 * no resource method took are {@code unmatched}. The method label is one of HTTP's methods or
 * {@code OTHER}: a client can send any token as a method, and each new label would add series that
 * are never removed.
 */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    static final String UNMATCHED = "unmatched";
    static final String OTHER = "OTHER";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private static final String RECEIVED = RequestMetrics.class.getName() + ".received";

    private final ConcurrentHashMap<Method, String> templates = new ConcurrentHashMap<>();

    @Inject Traffic traffic;

    @Context ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(RECEIVED, System.nanoTime());
        traffic.started();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RECEIVED) instanceof Long received) {
            traffic.answered(
                    route(),
                    method(request.getMethod()),
                    response.getStatus(),
                    System.nanoTime() - received);
        }
        if (response.getEntity() instanceof Problem problem) {
            traffic.problem(problem.type());
        }
    }

    /** The method as a label: one of HTTP's own, or {@code OTHER} for whatever a client made up. */
    static String method(String method) {
        return METHODS.contains(method) ? method : OTHER;
    }

    private String route() {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return UNMATCHED;
        }
        return templates.computeIfAbsent(
                method, matched -> template(resource.getResourceClass(), matched));
    }

    /** The route template of a resource method: its class's path and its own, regexes left out. */
    static String template(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined =
                "/"
                        + (classPath == null ? "" : classPath.value())
                        + "/"
                        + (methodPath == null ? "" : methodPath.value());
        String template =
                joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return template.length() > 1 && template.endsWith("/")
                ? template.substring(0, template.length() - 1)
                : template;
    }
}

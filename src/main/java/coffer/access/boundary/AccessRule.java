package coffer.access.boundary;

import coffer.Needs;
import coffer.Open;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call a route, read from its annotations: the method's {@link Open} or {@link Needs}, else
 * its class's. A route of Coffer's with neither is closed to everyone (an architecture test keeps
 * there being none); the routes Jersey adds on its own (an {@code OPTIONS} answer) only list
 * methods, and stay open.
 */
record AccessRule(Optional<Set<String>> roles) {

    static final AccessRule OPEN = new AccessRule(Optional.empty());

    static AccessRule of(Method method, Class<?> resource) {
        if (method == null || resource == null || !resource.getName().startsWith("coffer.")) {
            return OPEN;
        }
        if (method.isAnnotationPresent(Open.class)) {
            return OPEN;
        }
        if (method.isAnnotationPresent(Needs.class)) {
            return of(method.getAnnotation(Needs.class));
        }
        if (resource.isAnnotationPresent(Open.class)) {
            return OPEN;
        }
        if (resource.isAnnotationPresent(Needs.class)) {
            return of(resource.getAnnotation(Needs.class));
        }
        return new AccessRule(Optional.of(Set.of()));
    }

    private static AccessRule of(Needs allowed) {
        return new AccessRule(Optional.of(Set.of(allowed.value())));
    }

    boolean open() {
        return roles.isEmpty();
    }

    /** Whether a caller with these roles may call the route. */
    boolean allows(Set<String> granted) {
        return roles.map(needed -> needed.stream().anyMatch(granted::contains)).orElse(true);
    }
}

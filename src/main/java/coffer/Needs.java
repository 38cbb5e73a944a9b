package coffer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles ({@link Roles}) of which a caller needs one to call a route, on the route or its class;
 * {@code coffer.access} checks it before the route runs.
 *
 * <p>Not {@code @RolesAllowed}: Payara enforces that annotation on CDI beans itself, by asking its
 * own container security who the caller is, which reads any {@code Authorization} header as a login
 * to its file realm and answers a bearer token with a bare HTML 401.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Needs {
    String[] value();
}

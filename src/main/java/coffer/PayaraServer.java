package coffer;

import java.lang.annotation.Annotation;
import java.util.List;

/**
 * The services of the Payara server Coffer runs in, where the Jakarta EE API offers no way: HK2
 * services of the server's locator, reached through Payara's internal {@code Globals} by
 * reflection, since the WAR compiles against the Jakarta EE API only and Payara's internal
 * artifacts are not on Maven Central. Each caller says what it does when they cannot be reached
 * (another server, another Payara version).
 */
public final class PayaraServer {

    private static final String LOCATOR = "org.glassfish.hk2.api.ServiceLocator";

    private PayaraServer() {}

    /** The service of that type, as the server's own code would inject it. */
    public static Object service(String type) throws ReflectiveOperationException {
        Class<?> serviceType = load(type);
        return load(LOCATOR)
                .getMethod("getService", Class.class, Annotation[].class)
                .invoke(locator(), serviceType, new Annotation[0]);
    }

    /** Every service of that type, e.g. each network listener of the configuration. */
    public static List<?> services(String type) throws ReflectiveOperationException {
        Class<?> serviceType = load(type);
        return (List<?>)
                load(LOCATOR)
                        .getMethod("getAllServices", Class.class, Annotation[].class)
                        .invoke(locator(), serviceType, new Annotation[0]);
    }

    /** The type as the server loads it, for calling a service's methods. */
    public static Class<?> load(String type) throws ClassNotFoundException {
        return Class.forName(type, true, PayaraServer.class.getClassLoader());
    }

    private static Object locator() throws ReflectiveOperationException {
        return load("org.glassfish.internal.api.Globals")
                .getMethod("getDefaultBaseServiceLocator")
                .invoke(null);
    }
}

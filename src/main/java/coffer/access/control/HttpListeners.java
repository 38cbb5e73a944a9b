package coffer.access.control;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;

/**
 * The addresses Payara's enabled HTTP listeners are bound to, as its configuration holds them
 * ({@code network-listener address}, {@code 0.0.0.0} unless a pre-boot command sets it). Payara
 * Micro has no option for it and publishes no API: the listeners are HK2 services of the server,
 * reached through {@code org.glassfish.internal.api.Globals} by reflection, since the WAR compiles
 * against Payara Micro's launcher only. Any failure to read them is an error, not an empty list:
 * the sandbox must not open because the check could not look.
 */
final class HttpListeners {

    private HttpListeners() {}

    static List<String> addresses() {
        try {
            ClassLoader server = Thread.currentThread().getContextClassLoader();
            Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, server);
            Object locator = globals.getMethod("getDefaultBaseServiceLocator").invoke(null);
            Class<?> listenerType =
                    Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", true, server);
            Method allServices =
                    locator.getClass()
                            .getMethod(
                                    "getAllServices",
                                    Class.class,
                                    java.lang.annotation.Annotation[].class);
            Collection<?> listeners =
                    (Collection<?>)
                            allServices.invoke(
                                    locator, listenerType, new java.lang.annotation.Annotation[0]);
            if (listeners.isEmpty()) {
                throw new IllegalStateException("Payara reports no HTTP listener");
            }
            return listeners.stream()
                    .filter(
                            listener ->
                                    Boolean.parseBoolean(
                                            call(listenerType, listener, "getEnabled")))
                    .map(listener -> call(listenerType, listener, "getAddress"))
                    .distinct()
                    .toList();
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            throw new IllegalStateException(
                    "Could not read the HTTP listeners' addresses from Payara: " + unreadable,
                    unreadable);
        }
    }

    private static String call(Class<?> type, Object listener, String getter) {
        try {
            return String.valueOf(type.getMethod(getter).invoke(listener));
        } catch (ReflectiveOperationException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}

package coffer.access.control;

import coffer.PayaraServer;
import java.util.List;

/**
 * The addresses Payara's enabled HTTP listeners are bound to, as its configuration holds them
 * ({@code network-listener address}, {@code 0.0.0.0} unless a pre-boot command sets it). Payara
 * Micro has no option for it and publishes no API: the listeners are HK2 services of the server
 * ({@link PayaraServer}). Any failure to read them is an error, not an empty list: the sandbox must
 * not open because the check could not look.
 */
final class ListenerAddresses {

    private ListenerAddresses() {}

    static List<String> addresses() {
        try {
            Class<?> listenerType =
                    PayaraServer.load("org.glassfish.grizzly.config.dom.NetworkListener");
            List<?> listeners = PayaraServer.services(listenerType.getName());
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

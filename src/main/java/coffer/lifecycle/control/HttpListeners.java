package coffer.lifecycle.control;

import coffer.PayaraServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes Payara Micro's HTTP listeners once the requests have drained, so that no request arrives
 * after that: new connections are refused and idle keep-alive connections are closed.
 *
 * <p>Container-wide, because nothing narrower closes the window it closes: Payara Micro's own
 * shutdown hook undeploys the application before it closes its listener, and for the second or two
 * between the two every request was answered by Payara itself, an HTML 503 while undeploying and an
 * HTML 500 once the application's classes were gone; a request refused at the TCP level is one a
 * client knows was never read. It runs the same {@code set} command an operator would give ({@code
 * network-listener.*.enabled=false}), which Payara applies at once by closing the listener's
 * connections; the HTTPS listener is disabled unless {@code --sslport} is given, and a redundant
 * change is ignored. Payara saves the change in its {@code domain.xml}, which a reused {@code
 * --rootdir} keeps: so {@code server-config/pre-boot-commands.asadmin} enables the listener again
 * before each boot.
 *
 * <p>The only way, and why reflectively: Payara Micro's public runtime API ({@code
 * PayaraMicroRuntime.run}) sends commands through the data grid, which is off with {@code
 * --nocluster}; the command runner of GlassFish's embeddable API is a service of the server's HK2
 * locator ({@link PayaraServer}). Both are resolved at deployment, while every class can still be
 * loaded; where they cannot be (another server), nothing is closed and the container stops as
 * before.
 */
@ApplicationScoped
public class HttpListeners {

    private static final Logger LOG = Logger.getLogger(HttpListeners.class.getName());

    private static final String LISTENERS =
            "configs.config.server-config.network-config.network-listeners.network-listener.";

    private Object runner;
    private Method run;

    /** At deployment: finds the server's command runner. */
    void resolve(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        try {
            Class<?> runnerType = PayaraServer.load("org.glassfish.embeddable.CommandRunner");
            runner = PayaraServer.service(runnerType.getName());
            run = runnerType.getMethod("run", String.class, String[].class);
        } catch (ReflectiveOperationException | LinkageError notPayara) {
            LOG.log(
                    Level.WARNING,
                    "No command runner: the HTTP listener closes with Payara",
                    notPayara);
        }
    }

    /**
     * Once the requests have drained: no new request is read. After the other observers of {@link
     * Stopping} (a later priority), which answer the changes still held, so that no connection with
     * a request of theirs is closed.
     */
    void close(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) Stopping stop) {
        if (runner == null) {
            return;
        }
        try {
            Object result =
                    run.invoke(
                            runner,
                            "set",
                            new String[] {
                                LISTENERS + "http-listener.enabled=false",
                                LISTENERS + "https-listener.enabled=false"
                            });
            LOG.info(() -> "Shutting down: HTTP listeners closed: " + describe(result));
        } catch (IllegalAccessException | InvocationTargetException failed) {
            LOG.log(Level.WARNING, "Could not close the HTTP listeners", failed);
        }
    }

    private String describe(Object result) {
        try {
            Class<?> type = run.getReturnType();
            Object status = type.getMethod("getExitStatus").invoke(result);
            Object cause = type.getMethod("getFailureCause").invoke(result);
            return cause == null ? status.toString() : status + " " + cause;
        } catch (ReflectiveOperationException unknown) {
            return result.toString();
        }
    }
}

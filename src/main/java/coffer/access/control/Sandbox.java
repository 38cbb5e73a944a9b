package coffer.access.control;

import coffer.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The local sandbox ({@code auth.sandbox}, the environment's {@code AUTH_SANDBOX}, off by default):
 * every route open without a token, for experiments on a laptop and for old clients that cannot
 * send a header. Only where nobody else can reach the instance: it refuses to start unless every
 * HTTP listener is bound to a loopback address, since a listener on {@code 0.0.0.0} would hand
 * every balance to anyone on the network.
 */
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());

    /** Who acts in the sandbox: every role, under one name in the operators' audit. */
    public static final Caller CALLER = new Caller("sandbox", Roles.ALL);

    @Inject
    @ConfigProperty(name = "auth.sandbox", defaultValue = "false")
    boolean open;

    public boolean open() {
        return open;
    }

    /**
     * With the sandbox on, checks that every HTTP listener is bound to loopback and says plainly
     * that nothing is authenticated.
     *
     * @throws IllegalStateException when one is not, so the deployment fails
     */
    public void checkListeners() {
        if (!open) {
            return;
        }
        List<String> addresses = ListenerAddresses.addresses();
        List<String> exposed = exposed(addresses);
        if (!exposed.isEmpty()) {
            String refusal =
                    "AUTH_SANDBOX=true but an HTTP listener is bound to "
                            + String.join(", ", exposed)
                            + ", not to loopback: Coffer does not start with every route open to"
                            + " the network. Bind the listeners to 127.0.0.1 or turn the sandbox"
                            + " off (README, Security).";
            LOG.severe(refusal);
            throw new IllegalStateException(refusal);
        }
        LOG.warning(
                "AUTH_SANDBOX=true: NO AUTHENTICATION. Every route is open to anyone who reaches"
                        + " this instance, which listens on loopback only ("
                        + String.join(", ", addresses)
                        + ").");
    }

    /** The addresses among these that are not loopback (a wildcard address is not). */
    static List<String> exposed(List<String> addresses) {
        return addresses.stream().filter(address -> !loopback(address)).toList();
    }

    private static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return false;
        }
    }
}

package coffer.tasks.control;

import fish.payara.micro.PayaraInstance;
import fish.payara.micro.data.InstanceDescriptor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

/**
 * Who this instance is: its name (the {@code tasks.instance-id} setting, else the Payara Micro
 * instance name given with {@code --name}), its id, host and HTTP port, as the registry records
 * them.
 *
 * <p>The id is the name and a random suffix, new at every boot. Leases are held under the id, and
 * an instance frees the leases held under its own id that it does not carry out ({@link
 * Leases#releaseOrphans}): were the id the name, a second process started under the same name (a
 * copy-pasted configuration, a restart before the old process died) would free the leases of the
 * first while its runs go on. The name is for people: the API, the console and the logs.
 */
@ApplicationScoped
public class LocalInstance {

    @Inject TaskSettings settings;

    @Inject Instance<PayaraInstance> payara;

    private String name;
    private String id;
    private String host;
    private int httpPort;

    @PostConstruct
    void identify() {
        Optional<InstanceDescriptor> descriptor =
                payara.isResolvable()
                        ? Optional.ofNullable(payara.get().getLocalDescriptor())
                        : Optional.empty();
        host =
                descriptor
                        .map(InstanceDescriptor::getHostName)
                        .map(InetAddress::getHostName)
                        .orElseGet(LocalInstance::localHostName);
        httpPort =
                descriptor
                        .map(InstanceDescriptor::getHttpPorts)
                        .filter(ports -> !ports.isEmpty())
                        .map(ports -> ports.get(0))
                        .orElse(0);
        name =
                settings.instanceName()
                        .or(
                                () ->
                                        payara.isResolvable()
                                                ? Optional.ofNullable(
                                                        payara.get().getInstanceName())
                                                : Optional.empty())
                        .orElse(host + ":" + httpPort);
        id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Unique to this boot of this instance: what its leases and its history rows record. */
    public String id() {
        return id;
    }

    /** The name it was given, for people; another instance, or a restart, may share it. */
    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int httpPort() {
        return httpPort;
    }

    /**
     * How many Payara Micro instances form the data grid this one belongs to, itself included; 1
     * when clustering is off. An instance joins the grid while it boots, before Coffer is deployed
     * on it.
     */
    public int clusterSize() {
        if (!payara.isResolvable()) {
            return 1;
        }
        try {
            return Math.max(1, payara.get().getClusteredPayaras().size());
        } catch (RuntimeException gridUnavailable) {
            return 1;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }
}

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

/**
 * Who this instance is: its id (the {@code tasks.instance-id} setting, else the Payara Micro
 * instance name given with {@code --name}), host and HTTP port, as the registry records them.
 */
@ApplicationScoped
public class LocalInstance {

    @Inject TaskSettings settings;

    @Inject Instance<PayaraInstance> payara;

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
        id =
                settings.instanceId()
                        .or(
                                () ->
                                        payara.isResolvable()
                                                ? Optional.ofNullable(
                                                        payara.get().getInstanceName())
                                                : Optional.empty())
                        .orElse(host + ":" + httpPort);
    }

    public String id() {
        return id;
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

package coffer.requests.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who sent a request: the address the connection comes from, unless that is one of the configured
 * proxies ({@code trusted-proxies}, addresses or CIDR blocks, comma-separated; default none), in
 * which case {@code X-Forwarded-For} is read from the right, past every trusted proxy, to the first
 * hop that is not one. Anyone can write that header, so it is believed only as far as the chain of
 * trusted proxies that appended to it; the login throttle and the operator audit both rest on this.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private List<Block> trusted = List.of();

    @Inject
    void configure(@ConfigProperty(name = "trusted-proxies") Optional<String> trustedProxies) {
        trusted = parse(trustedProxies.orElse(""));
    }

    public ClientAddresses() {}

    public ClientAddresses(String trustedProxies) {
        trusted = parse(trustedProxies);
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    /** The client of a connection from {@code remote} that carried {@code forwardedFor}. */
    public String of(String remote, String forwardedFor) {
        String client = remote;
        if (forwardedFor == null) {
            return client;
        }
        List<String> hops = Arrays.asList(forwardedFor.split(","));
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> hop = literal(hops.get(i).strip());
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get().getHostAddress();
        }
        return client;
    }

    private static List<Block> parse(String trustedProxies) {
        return Arrays.stream(trustedProxies.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(Block::of)
                .toList();
    }

    private boolean isTrusted(String address) {
        Optional<InetAddress> parsed = literal(address);
        return parsed.isPresent() && trusted.stream().anyMatch(block -> block.holds(parsed.get()));
    }

    /** An IP address written as one; never a host name, which would cost a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /** An address block: a network's address and how many leading bits of it are fixed. */
    record Block(byte[] network, int prefixBits) {

        static Block of(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address).orElseThrow(() -> notABlock(entry)).getAddress();
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException notANumber) {
                    throw notABlock(entry);
                }
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw notABlock(entry);
            }
            return new Block(network, prefix);
        }

        boolean holds(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static IllegalArgumentException notABlock(String entry) {
            return new IllegalArgumentException(
                    "trusted-proxies: '"
                            + entry
                            + "' is not an IP address or a CIDR block such as 10.0.0.0/8");
        }
    }
}

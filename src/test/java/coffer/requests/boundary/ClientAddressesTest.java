package coffer.requests.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies =
            new ClientAddresses("10.0.0.0/8, 127.0.0.1, fd00::/8");

    @Test
    void withoutTrustedProxiesTheConnectionIsTheClient() {
        ClientAddresses direct = new ClientAddresses("");

        assertThat(direct.of("127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
        assertThat(direct.of("198.51.100.2", null)).isEqualTo("198.51.100.2");
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheHopBeforeIt() {
        assertThat(behindProxies.of("127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("10.1.2.3", " 203.0.113.7 ")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("fd00::5", "2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void whatTheClientWroteBeforeTheTrustedHopsIsIgnored() {
        assertThat(behindProxies.of("127.0.0.1", "1.1.1.1, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.9.9.9"))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void anUntrustedConnectionIsNotBelievedAboutAnything() {
        assertThat(behindProxies.of("198.51.100.2", "203.0.113.7")).isEqualTo("198.51.100.2");
        assertThat(behindProxies.of("11.0.0.1", "203.0.113.7")).isEqualTo("11.0.0.1");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalk() {
        assertThat(behindProxies.of("127.0.0.1", "evil.example")).isEqualTo("127.0.0.1");
        assertThat(behindProxies.of("127.0.0.1", "203.0.113.7, unknown, 10.0.0.1"))
                .isEqualTo("10.0.0.1");
        assertThat(behindProxies.of("127.0.0.1", "")).isEqualTo("127.0.0.1");
    }

    @Test
    void aMalformedProxyListStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> new ClientAddresses("proxy.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

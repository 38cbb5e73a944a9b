package coffer.access.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void onlyLoopbackListenersAreNotExposed() {
        assertThat(Sandbox.exposed(List.of("127.0.0.1", "::1", "localhost", "127.0.0.2")))
                .isEmpty();
    }

    @Test
    void aWildcardOrNetworkAddressIsExposed() {
        assertThat(Sandbox.exposed(List.of("127.0.0.1", "0.0.0.0", "::", "10.1.2.3", "")))
                .containsExactly("0.0.0.0", "::", "10.1.2.3", "");
    }
}

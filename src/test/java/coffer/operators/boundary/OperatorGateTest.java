package coffer.operators.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorGateTest {

    private static final Instant AT = Instant.parse("2026-12-05T15:00:00Z");

    @Test
    void anEncodedLineBreakInThePathStaysInItsLine() {
        String line =
                OperatorGate.auditLine(
                        "alice",
                        "203.0.113.7",
                        "203.0.113.7",
                        AT,
                        "POST /tasks/x\n[INFO] Operator action by root/run",
                        202);

        assertThat(line)
                .doesNotContain("\n")
                .isEqualTo(
                        "Operator action by alice from 203.0.113.7 at 2026-12-05T15:00:00Z:"
                                + " POST /tasks/x\\n[INFO] Operator action by root/run -> 202");
    }

    @Test
    void theOperatorNameIsEscapedToo() {
        assertThat(
                        OperatorGate.auditLine(
                                "eve\r\nroot", "127.0.0.1", "127.0.0.1", AT, "GET /", 200))
                .startsWith("Operator action by eve\\r\\nroot from 127.0.0.1 at");
    }

    @Test
    void aForwardedClientIsNamedWithTheProxyItCameThrough() {
        assertThat(OperatorGate.auditLine(null, "203.0.113.7", "10.0.0.2", AT, "GET /", 401))
                .isEqualTo(
                        "Operator action by (refused: no valid token) from 203.0.113.7 (via proxy"
                                + " 10.0.0.2) at 2026-12-05T15:00:00Z: GET / -> 401");
    }
}

package coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void theStatusComesFromTheStatusLineWhateverItsReason() {
        assertThat(Load.Head.of("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 12"))
                .isEqualTo(new Load.Head(503, 12, false));
        assertThat(Load.Head.of("HTTP/1.0 200\r\ncontent-length:0\r\nConnection: close"))
                .isEqualTo(new Load.Head(200, 0, true));
        assertThatIllegalStateException()
                .isThrownBy(() -> Load.Head.of("ICY 200 OK"))
                .withMessage("Not an HTTP/1.x status line: ICY 200 OK");
    }

    @Test
    void aChunkedAnswerStopsTheRunInsteadOfDesynchronisingTheConnection() throws IOException {
        String chunked =
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> answerOnce(server, chunked));
            Load load =
                    new Load(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), "x");

            assertThatIllegalStateException()
                    .isThrownBy(() -> load.closedLoop(1, 1, i -> "{}"))
                    .withMessage(
                            "Answered with Transfer-Encoding: chunked; this client reads"
                                    + " Content-Length bodies only");
        }
    }

    /** Accepts one connection, reads one request's head and answers {@code answer}. */
    private static void answerOnce(ServerSocket server, String answer) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            int last = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                last = (last << 8 | b) & 0xFFFFFFFF;
                if (last == 0x0D0A0D0A) {
                    break;
                }
            }
            client.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}

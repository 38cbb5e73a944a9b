package coffer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api;
import coffer.testing.Identity;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP listener's read timeout, with the production pre-boot settings: as many clients as there
 * are workers send their headers and part of a body and then stop, holding every worker; each
 * connection is closed within the timeout (Payara's default is 30 s) and a request sent meanwhile
 * is served as soon as the workers are freed. (With more slow clients than workers, those queued
 * take their 10 s once they get a worker, and a request behind them waits for both rounds.)
 */
class SlowClientsSystemIT {

    private static final int PORT = 18_395;
    private static final int WORKERS = 16;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SLACK = Duration.ofSeconds(8);
    private static final Path OUTPUT = Path.of("target", "slow-clients");

    private static PayaraMicroProcess coffer;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(OUTPUT);
        coffer =
                PayaraMicroProcess.builder(PORT)
                        .database(PostgresServer.forTests().freshDatabase("coffer_slow"))
                        .microOption(
                                "--prebootcommandfile", "server-config/pre-boot-commands.asadmin")
                        .environment("TASKS_ENABLED", "false")
                        .log(OUTPUT.resolve("coffer.log"))
                        .start()
                        .awaitReady(Duration.ofMinutes(8));
    }

    @AfterAll
    static void stop() {
        coffer.stop();
    }

    @Test
    void bodiesThatStopComingAreCutOffWhileOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            slow.add(stallingIn("{\"userId\": 1, "));
        }
        long sent = System.nanoTime();

        Api.Reply served = new Api(coffer.baseUri()).get("/balance/1");
        Duration servedAfter = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(served.status()).isEqualTo(200);
        assertThat(servedAfter).isLessThan(READ_TIMEOUT.plus(SLACK));
        for (Socket socket : slow) {
            assertThat(closedOrAnsweredAfter(socket, sent)).isLessThan(READ_TIMEOUT.plus(SLACK));
        }
    }

    /**
     * A POST whose headers promise 100 bytes of body, of which only the start is sent; with a valid
     * token, so that the route really waits for the body instead of refusing the caller first.
     */
    private static Socket stallingIn(String bodyStart) throws IOException {
        Socket socket = new Socket("127.0.0.1", PORT);
        socket.setSoTimeout((int) READ_TIMEOUT.plus(SLACK).multipliedBy(3).toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(
                ("POST /balance/update HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Authorization: Bearer "
                                + Identity.caller()
                                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                                + bodyStart)
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static Duration closedOrAnsweredAfter(Socket socket, long sent) throws IOException {
        try (socket;
                InputStream in = socket.getInputStream()) {
            in.read();
        } catch (SocketTimeoutException | SocketException stillOpenOrReset) {
            // A reset is a close too; a timeout shows as the long wait it was.
        }
        return Duration.ofNanos(System.nanoTime() - sent);
    }
}

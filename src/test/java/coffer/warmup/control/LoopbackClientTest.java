package coffer.warmup.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.warmup.control.LoopbackClient.Call;
import coffer.warmup.control.LoopbackClient.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopbackClientTest {

    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;
    private volatile String answer;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0);
        Thread acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try {
                                    Socket socket = server.accept();
                                    connections.incrementAndGet();
                                    new Thread(() -> serve(socket)).start();
                                } catch (IOException closed) {
                                    return;
                                }
                            }
                        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void requestsOnTheKeptConnectionShareOne() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        try (LoopbackClient client = new LoopbackClient(server.getLocalPort(), Map.of())) {
            assertThat(client.send(Call.get("/balance/1", Map.of()), false))
                    .isEqualTo(new Reply(200, "{}", false));
            assertThat(client.send(Call.get("/balance/1", Map.of()), false).status())
                    .isEqualTo(200);
        }
        assertThat(connections).hasValue(1);
        assertThat(heads).noneMatch(head -> head.contains("Connection: close"));
    }

    @Test
    void eachRequestOnANewConnectionOpensOneAndAsksToCloseIt() throws IOException {
        answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        try (LoopbackClient client = new LoopbackClient(server.getLocalPort(), Map.of())) {
            client.send(Call.json("POST", "/balance/update", "{}", Map.of()), true);
            client.send(Call.json("POST", "/balance/update", "{}", Map.of()), true);
        }
        assertThat(connections).hasValue(2);
        assertThat(heads).allMatch(head -> head.contains("Connection: close"));
    }

    @Test
    void aChunkedAnswerIsReadWhole() throws IOException {
        answer =
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4\r\n{\"a\"\r\n3\r\n: 1\r\n1\r\n}\r\n0\r\n\r\n";
        try (LoopbackClient client = new LoopbackClient(server.getLocalPort(), Map.of())) {
            assertThat(client.send(Call.get("/api/info", Map.of()), false).body())
                    .isEqualTo("{\"a\": 1}");
            assertThat(client.send(Call.get("/api/info", Map.of()), false).body())
                    .isEqualTo("{\"a\": 1}");
        }
        assertThat(connections).hasValue(1);
    }

    @Test
    void theClientsHeadersGoWithEveryRequestBesideTheCallsOwn() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        try (LoopbackClient client =
                new LoopbackClient(
                        server.getLocalPort(), Map.of("Authorization", "Bearer money"))) {
            client.send(Call.get("/balance/1", Map.of("Idempotency-Key", "k-1")), false);
            client.send(Call.get("/balance/2", Map.of()), true);
        }
        assertThat(heads)
                .hasSize(2)
                .allMatch(head -> head.contains("Authorization: Bearer money"))
                .anyMatch(head -> head.contains("Idempotency-Key: k-1"));
    }

    /** Answers every request on the connection with {@code answer} until the client closes. */
    private void serve(Socket socket) {
        try (socket;
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                StringBuilder head = new StringBuilder();
                int length = 0;
                for (String line = in.readLine();
                        line != null && !line.isEmpty();
                        line = in.readLine()) {
                    head.append(line).append('\n');
                    if (line.startsWith("Content-Length: ")) {
                        length = Integer.parseInt(line.substring(16));
                    }
                }
                if (head.length() == 0) {
                    return;
                }
                in.skip(length);
                heads.add(head.toString());
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException gone) {
            // The client closed the connection.
        }
    }
}

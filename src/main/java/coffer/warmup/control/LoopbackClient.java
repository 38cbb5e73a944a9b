package coffer.warmup.control;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The warm-up's one way to send a request: HTTP/1.1 over a plain socket to this instance's own
 * listener on loopback, on the connection it keeps open, or on a new one closed after the answer
 * (the burst the warm-up prepares for opens a new connection per request, so accepting and parsing
 * a new connection must be warm too). A plain socket rather than {@code java.net.http}: that client
 * cannot send {@code Connection: close}, and it costs a selector thread.
 *
 * <p>{@code headers} go with every request that does not set them itself: the warm-up's credential
 * on the money routes, where a shop route sends its employee's token instead. One client per
 * warm-up thread; not thread-safe.
 */
final class LoopbackClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final int port;
    private final Map<String, String> headers;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LoopbackClient(int port, Map<String, String> headers) {
        this.port = port;
        this.headers = Map.copyOf(headers);
    }

    /** Sends one request and reads its whole answer. */
    Reply send(Call call, boolean newConnection) throws IOException {
        if (newConnection || socket == null) {
            close();
            connect();
        }
        try {
            out.write(head(call, newConnection).getBytes(StandardCharsets.US_ASCII));
            out.write(call.body());
            out.flush();
            Reply reply = read();
            if (newConnection || reply.closes()) {
                close();
            }
            return reply;
        } catch (IOException broken) {
            close();
            throw broken;
        }
    }

    private void connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private String head(Call call, boolean newConnection) {
        StringBuilder head =
                new StringBuilder(call.method())
                        .append(' ')
                        .append(call.path())
                        .append(" HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n");
        if (call.body().length > 0) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(call.body().length).append("\r\n");
        if (newConnection) {
            head.append("Connection: close\r\n");
        }
        headers.forEach(
                (name, value) -> {
                    if (!call.headers().containsKey(name)) {
                        head.append(name).append(": ").append(value).append("\r\n");
                    }
                });
        call.headers()
                .forEach(
                        (name, value) ->
                                head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    private Reply read() throws IOException {
        String[] statusLine = line().split(" ", 3);
        if (statusLine.length < 2 || !statusLine[1].matches("[0-9]{3}")) {
            throw new IOException("Not an HTTP answer: " + String.join(" ", statusLine));
        }
        int status = Integer.parseInt(statusLine[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closes = value.contains("close");
                default -> {}
            }
        }
        if (chunked) {
            return new Reply(status, chunks(), closes);
        }
        if (length >= 0) {
            return new Reply(
                    status,
                    new String(in.readNBytes((int) length), StandardCharsets.UTF_8),
                    closes);
        }
        return new Reply(status, new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
    }

    private String chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) {
            // Trailers: none expected, none kept.
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private int chunkSize() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Integer.parseInt(
                extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("The connection closed in the middle of an answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException alreadyGone) {
                // Nothing left to release.
            }
            socket = null;
        }
    }

    /** One request: its method, path, JSON body (empty for none) and its own headers. */
    record Call(String method, String path, byte[] body, Map<String, String> headers) {

        static Call get(String path, Map<String, String> headers) {
            return new Call("GET", path, new byte[0], headers);
        }

        static Call json(String method, String path, String json, Map<String, String> headers) {
            return new Call(method, path, json.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    /** An answer: the status, the body as text, and whether the server closes the connection. */
    record Reply(int status, String body, boolean closes) {}
}

package coffer.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Sends {@code POST /balance/update} requests over keep-alive connections from one thread with
 * non-blocking I/O, as wrk does: on a 2-core machine shared with the server and the database,
 * a load generator with a thread per connection would take CPU from the very threads it
 * measures (one of which holds the hot row's lock). Two modes: closed loop (each connection
 * sends its next request when the last is answered, as the reference test's clients do) and
 * open loop (requests at a fixed rate whatever the answers' speed, latency measured from when
 * each was due, so a slow server cannot hide its queue).
 */
final class Load {

    private final InetSocketAddress server;
    private final String head;

    Load(URI base) {
        this.server = new InetSocketAddress(base.getHost(), base.getPort());
        this.head = "POST " + base.resolve("balance/update").getPath() + " HTTP/1.1\r\nHost: "
                + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
    }

    /** {@code count} requests over {@code connections} connections. */
    Result closedLoop(int count, int connections, IntFunction<String> body) {
        return run(count, connections, body, 0);
    }

    /** {@code ratePerSecond} requests a second for the duration, on schedule. */
    Result openLoop(int ratePerSecond, Duration duration, IntFunction<String> body) {
        return run((int) (ratePerSecond * duration.toSeconds()), 256, body,
                1_000_000_000L / ratePerSecond);
    }

    /** Runs the requests; {@code interval} 0 means each as soon as a connection is free. */
    private Result run(int count, int connections, IntFunction<String> body, long interval) {
        Result result = new Result(count);
        try (Selector selector = Selector.open()) {
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            for (int c = 0; c < connections; c++) {
                idle.add(new Connection(selector).open());
            }
            long start = System.nanoTime();
            int sent = 0;
            while (result.answered() < count) {
                long now = System.nanoTime();
                while (sent < count && !idle.isEmpty()
                        && (interval == 0 || start + sent * interval <= now)) {
                    idle.poll().send(interval == 0 ? now : start + sent * interval,
                            body.apply(sent));
                    sent++;
                }
                long wait = interval == 0 || sent == count ? 100
                        : Math.max(1, (start + sent * interval - System.nanoTime()) / 1_000_000);
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (connection.read(result)) {
                        idle.add(connection);
                    }
                }
                selector.selectedKeys().clear();
            }
            result.elapsedNanos = System.nanoTime() - start;
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return result;
    }

    /**
     * One keep-alive connection: at most one request in flight. When the server closes it, a
     * request in flight counts as unanswered (status -1) and a new connection takes its place.
     */
    private final class Connection {

        private final Selector selector;
        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private SocketChannel channel;
        private boolean inFlight;
        private long due;

        Connection(Selector selector) {
            this.selector = selector;
        }

        Connection open() throws IOException {
            if (channel != null) {
                channel.close();
            }
            channel = SocketChannel.open(server);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
            in.clear();
            return this;
        }

        void send(long dueAt, String json) throws IOException {
            due = dueAt;
            inFlight = true;
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            ByteBuffer request = ByteBuffer.wrap((head + payload.length + "\r\n\r\n" + json)
                    .getBytes(StandardCharsets.UTF_8));
            while (request.hasRemaining()) {
                channel.write(request);
            }
        }

        /**
         * Reads what arrived; true when the request in flight is done (answered, or lost with
         * the connection), which is then recorded and the connection free again.
         */
        boolean read(Result result) throws IOException {
            if (channel.read(in) < 0) {
                open();
                if (!inFlight) {
                    return false;
                }
                inFlight = false;
                result.record(-1, System.nanoTime() - due);
                return true;
            }
            String received = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            int headerEnd = received.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                return false;
            }
            int lengthAt = received.toLowerCase().indexOf("content-length:");
            int length = lengthAt < 0 || lengthAt > headerEnd ? 0 : Integer.parseInt(
                    received.substring(lengthAt + 15, received.indexOf('\r', lengthAt)).trim());
            if (in.position() < headerEnd + 4 + length) {
                return false;
            }
            result.record(Integer.parseInt(received.substring(9, 12)), System.nanoTime() - due);
            inFlight = false;
            in.clear();
            if (received.substring(0, headerEnd).toLowerCase().contains("connection: close")) {
                open();
            }
            return true;
        }
    }

    /** Answers by status and their latencies. */
    static final class Result {

        final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        final Latencies latencies;
        long elapsedNanos;
        private long answered;

        Result(int capacity) {
            latencies = new Latencies(capacity);
        }

        void record(int status, long nanos) {
            byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            latencies.record(nanos);
            answered++;
        }

        long answered() {
            return answered;
        }

        double throughput() {
            return answered / (elapsedNanos / 1e9);
        }
    }
}

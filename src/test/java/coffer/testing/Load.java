package coffer.testing;

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
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Sends POST requests with JSON bodies from one thread with non-blocking I/O, as wrk does: on a
 * 2-core machine shared with the server and the database, a load generator with a thread per
 * connection would take CPU from the very threads it measures (one of which holds the hot row's
 * lock). Three shapes:
 *
 * <ul>
 *   <li>closed loop: keep-alive connections, each sending its next request when the last is
 *       answered, as the reference test's clients do;
 *   <li>open loop: requests at a fixed rate over keep-alive connections whatever the answers'
 *       speed, latency measured from when each was due, so a slow server cannot hide its queue;
 *   <li>arrivals: requests at a fixed rate, each on a connection of its own that is closed after
 *       the answer, as Artillery's new virtual users arrive; a request not answered within the
 *       timeout is given up (its connection closed, as a client that times out does).
 * </ul>
 */
public final class Load {

    /** The status recorded for a request whose connection was closed before an answer. */
    public static final int DROPPED = -1;

    /** The status recorded for a request given up at the timeout. */
    public static final int TIMED_OUT = -2;

    /** The status recorded for a request never sent: the server refused the connection. */
    public static final int NOT_SENT = -3;

    private static final int OPEN_LOOP_CONNECTIONS = 256;

    private final InetSocketAddress server;
    private final String host;
    private final IntFunction<Request> post;

    /** POST requests with JSON bodies to {@code path}, as the tests' caller ({@link Identity}). */
    public Load(URI base, String path) {
        this(base, path, index -> Identity.caller());
    }

    private Load(URI base, String path, IntFunction<String> bearer) {
        this.server = new InetSocketAddress(base.getHost(), base.getPort());
        this.host = base.getHost() + ":" + base.getPort();
        String target = base.resolve(path).getPath();
        this.post = index -> new Request("POST", target, bearer.apply(index), null);
    }

    /** Requests to {@code path}, each carrying the bearer token {@code token} gives its index. */
    public static Load authorized(URI base, String path, IntFunction<String> token) {
        return new Load(base, path, token);
    }

    /**
     * One request of a mixed load: its method, absolute path, bearer token (or null) and JSON body
     * (or null for none).
     */
    public record Request(String method, String path, String bearer, String body) {

        Request withBody(String json) {
            return new Request(method, path, bearer, json);
        }
    }

    /** {@code ratePerSecond} requests a second for the duration, each the one {@code mix} gives. */
    public Result mixedOpenLoop(int ratePerSecond, Duration duration, IntFunction<Request> mix) {
        return new Run(
                        count(ratePerSecond, duration),
                        mix,
                        index -> null,
                        1_000_000_000L / ratePerSecond,
                        null)
                .overKeptConnections(OPEN_LOOP_CONNECTIONS);
    }

    /**
     * {@code count} requests over {@code connections} connections, each the one {@code mix} gives.
     */
    public Result mixedClosedLoop(int count, int connections, IntFunction<Request> mix) {
        return new Run(count, mix, index -> null, 0, null).overKeptConnections(connections);
    }

    private IntFunction<Request> posting(IntFunction<String> body) {
        return index -> post.apply(index).withBody(body.apply(index));
    }

    /** {@code count} requests over {@code connections} connections. */
    public Result closedLoop(int count, int connections, IntFunction<String> body) {
        return closedLoop(count, connections, body, index -> null);
    }

    /** The same, each request with the {@code Idempotency-Key} that {@code key} gives. */
    public Result closedLoop(
            int count, int connections, IntFunction<String> body, IntFunction<String> key) {
        return new Run(count, posting(body), key, 0, null).overKeptConnections(connections);
    }

    /**
     * {@code count} requests sent at once, each on a connection of its own, as a client that fires
     * them all and then awaits every answer does ({@code Promise.allSettled} over {@code fetch});
     * given up at the timeout.
     */
    public Result allAtOnce(int count, IntFunction<String> body, Duration timeout) {
        return new Run(count, posting(body), index -> null, 0, timeout).overNewConnections();
    }

    /** {@code ratePerSecond} requests a second for the duration, on schedule. */
    public Result openLoop(int ratePerSecond, Duration duration, IntFunction<String> body) {
        return new Run(
                        count(ratePerSecond, duration),
                        posting(body),
                        index -> null,
                        1_000_000_000L / ratePerSecond,
                        null)
                .overKeptConnections(OPEN_LOOP_CONNECTIONS);
    }

    /**
     * {@code ratePerSecond} requests a second for the duration, each on a new connection, with the
     * {@code Idempotency-Key} that {@code key} gives (none where it gives null).
     */
    public Result arrivals(
            int ratePerSecond,
            Duration duration,
            IntFunction<String> body,
            IntFunction<String> key,
            Duration timeout) {
        return new Run(
                        count(ratePerSecond, duration),
                        posting(body),
                        key,
                        1_000_000_000L / ratePerSecond,
                        timeout)
                .overNewConnections();
    }

    private static int count(int ratePerSecond, Duration duration) {
        return (int) (ratePerSecond * duration.toMillis() / 1_000);
    }

    /** One run of requests; {@code interval} 0 means each as soon as a connection is free. */
    private final class Run {

        private final int count;
        private final IntFunction<Request> request;
        private final IntFunction<String> key;
        private final long interval;
        private final Duration timeout;
        private final Result result;
        private long start;
        private int sent;
        private int live;

        Run(
                int count,
                IntFunction<Request> request,
                IntFunction<String> key,
                long interval,
                Duration timeout) {
            this.count = count;
            this.request = request;
            this.key = key;
            this.interval = interval;
            this.timeout = timeout;
            this.result = new Result(count);
        }

        Result overKeptConnections(int connections) {
            try (Selector selector = Selector.open()) {
                ArrayDeque<Connection> idle = new ArrayDeque<>();
                for (int c = 0; c < connections; c++) {
                    idle.add(new Connection(selector, true).open());
                }
                live = connections;
                start = System.nanoTime();
                while (result.answered < count) {
                    while (sent < count && !idle.isEmpty() && due(System.nanoTime())) {
                        Connection free = idle.poll();
                        if (!free.dead) {
                            if (free.send(sent, dueAt(sent))) {
                                idle.add(free);
                            }
                            sent++;
                        }
                    }
                    if (live == 0) {
                        // The server is gone: what was not sent never will be.
                        while (sent < count) {
                            result.record(sent++, NOT_SENT, 0);
                        }
                        break;
                    }
                    selectAndRead(selector, idle);
                }
                return finish(selector);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        Result overNewConnections() {
            try (Selector selector = Selector.open()) {
                // In the order sent, which is the order of their deadlines.
                ArrayDeque<Connection> inFlight = new ArrayDeque<>();
                start = System.nanoTime();
                while (result.answered < count) {
                    long now = System.nanoTime();
                    while (sent < count && due(now)) {
                        Connection connection = new Connection(selector, false);
                        try {
                            connection.open();
                        } catch (IOException refused) {
                            result.record(sent++, NOT_SENT, 0);
                            continue;
                        }
                        connection.send(sent, dueAt(sent));
                        inFlight.add(connection);
                        sent++;
                    }
                    selectAndRead(selector, null);
                    giveUpLateOnes(inFlight);
                }
                return finish(selector);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        private boolean due(long now) {
            return interval == 0 || dueAt(sent) <= now;
        }

        private long dueAt(int index) {
            return interval == 0 ? System.nanoTime() : start + index * interval;
        }

        private void selectAndRead(Selector selector, ArrayDeque<Connection> idle)
                throws IOException {
            long wait =
                    interval == 0 || sent == count
                            ? 10
                            : Math.max(1, (dueAt(sent) - System.nanoTime()) / 1_000_000);
            selector.select(wait);
            for (SelectionKey selected : selector.selectedKeys()) {
                Connection connection = (Connection) selected.attachment();
                if (connection.read() && idle != null) {
                    idle.add(connection);
                }
            }
            selector.selectedKeys().clear();
        }

        private void giveUpLateOnes(ArrayDeque<Connection> inFlight) throws IOException {
            long now = System.nanoTime();
            while (!inFlight.isEmpty()
                    && (!inFlight.peek().inFlight
                            || inFlight.peek().due + timeout.toNanos() <= now)) {
                Connection oldest = inFlight.poll();
                if (oldest.inFlight) {
                    oldest.done(TIMED_OUT);
                }
                oldest.channel.close();
            }
        }

        private Result finish(Selector selector) throws IOException {
            result.elapsedNanos = System.nanoTime() - start;
            for (SelectionKey open : selector.keys()) {
                open.channel().close();
            }
            return result;
        }

        /**
         * One connection with at most one request in flight. A kept connection that the server
         * closes counts its request as {@link #DROPPED} and is replaced by a new one.
         */
        private final class Connection {

            private final Selector selector;
            private final boolean kept;
            private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            private SocketChannel channel;
            private boolean dead;
            private boolean inFlight;
            private int index;
            private long due;

            Connection(Selector selector, boolean kept) {
                this.selector = selector;
                this.kept = kept;
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

            /**
             * Sends the request; true when the server had closed the connection, so that the
             * request is lost with it and the connection (reopened) is free again.
             */
            boolean send(int requestIndex, long dueAt) throws IOException {
                index = requestIndex;
                due = dueAt;
                inFlight = true;
                ByteBuffer bytes = ByteBuffer.wrap(encode(request.apply(requestIndex)));
                try {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    return false;
                } catch (IOException reset) {
                    return closedByServer();
                }
            }

            private byte[] encode(Request request) {
                String idempotencyKey = key.apply(index);
                byte[] body =
                        request.body() == null
                                ? new byte[0]
                                : request.body().getBytes(StandardCharsets.UTF_8);
                String head =
                        request.method()
                                + " "
                                + request.path()
                                + " HTTP/1.1\r\nHost: "
                                + host
                                + "\r\n"
                                + (request.body() == null
                                        ? ""
                                        : "Content-Type: application/json\r\n")
                                + (request.bearer() == null
                                        ? ""
                                        : "Authorization: Bearer " + request.bearer() + "\r\n")
                                + (idempotencyKey == null
                                        ? ""
                                        : "Idempotency-Key: " + idempotencyKey + "\r\n")
                                + (kept ? "" : "Connection: close\r\n")
                                + "Content-Length: "
                                + body.length
                                + "\r\n\r\n";
                byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
                byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
                System.arraycopy(body, 0, all, headBytes.length, body.length);
                return all;
            }

            /**
             * Reads what arrived; true when a kept connection's request is done (answered, or lost
             * with the connection) and the connection is free again.
             */
            boolean read() throws IOException {
                int read;
                try {
                    read = channel.read(in);
                } catch (IOException reset) {
                    read = -1;
                }
                if (read < 0) {
                    return closedByServer();
                }
                String received =
                        new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
                int headerEnd = received.indexOf("\r\n\r\n");
                if (headerEnd < 0) {
                    return false;
                }
                Head head = Head.of(received.substring(0, headerEnd));
                if (in.position() < headerEnd + 4 + head.length()) {
                    return false;
                }
                done(head.status());
                in.clear();
                if (!kept) {
                    channel.close();
                } else if (head.closes()) {
                    open();
                }
                return kept;
            }

            private boolean closedByServer() throws IOException {
                if (!kept) {
                    channel.close();
                    if (inFlight) {
                        done(DROPPED);
                    }
                    return false;
                }
                boolean wasInFlight = inFlight;
                boolean reopened = reopen();
                if (wasInFlight) {
                    done(DROPPED);
                }
                // Free again: back to the idle ones, unless it waits there already.
                return reopened && wasInFlight;
            }

            /** A new connection in place of one the server closed; false when it refuses. */
            private boolean reopen() throws IOException {
                try {
                    open();
                    return true;
                } catch (IOException refused) {
                    channel.close();
                    dead = true;
                    live--;
                    return false;
                }
            }

            void done(int status) {
                inFlight = false;
                result.record(index, status, System.nanoTime() - due);
            }
        }
    }

    /**
     * What this client needs of an answer's head: the status from the status line, the body's
     * length, and whether the server closes the connection after it. It reads bodies framed by
     * {@code Content-Length} only, so an answer with a {@code Transfer-Encoding} (chunked) is
     * refused at once: read as if it had no body, its chunks would be taken for the next answer on
     * the connection, and every status after it would be wrong.
     */
    record Head(int status, int length, boolean closes) {

        static Head of(String head) {
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2
                    || !statusLine[0].startsWith("HTTP/1.")
                    || !statusLine[1].matches("[1-5][0-9][0-9]")) {
                throw new IllegalStateException("Not an HTTP/1.x status line: " + lines[0]);
            }
            int length = 0;
            boolean closes = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, Math.max(colon, 0)).trim();
                String value = lines[i].substring(colon + 1).trim();
                if (name.equalsIgnoreCase("transfer-encoding")) {
                    throw new IllegalStateException(
                            "Answered with Transfer-Encoding: "
                                    + value
                                    + "; this client reads Content-Length bodies only");
                } else if (name.equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            return new Head(Integer.parseInt(statusLine[1]), length, closes);
        }
    }

    /** Each request's status, the count by status, and the latencies. */
    public static final class Result {

        private final int[] statuses;
        private final Latencies latencies;
        private long elapsedNanos;
        private int answered;

        Result(int count) {
            statuses = new int[count];
            latencies = new Latencies(count);
        }

        void record(int index, int status, long nanos) {
            statuses[index] = status;
            latencies.record(nanos);
            answered++;
        }

        /** How many requests the run had to send. */
        public int requests() {
            return statuses.length;
        }

        /** The status of request {@code index}: an HTTP status, DROPPED, TIMED_OUT or NOT_SENT. */
        public int statusOf(int index) {
            return statuses[index];
        }

        /** How many requests ended with each status. */
        public Map<Integer, Long> byStatus() {
            Map<Integer, Long> counts = new TreeMap<>();
            Arrays.stream(statuses).forEach(status -> counts.merge(status, 1L, Long::sum));
            return counts;
        }

        public long count(int status) {
            return Arrays.stream(statuses).filter(each -> each == status).count();
        }

        public Latencies.Summary latencies() {
            return latencies.summary();
        }

        public double throughput() {
            return answered / (elapsedNanos / 1e9);
        }

        public double elapsedSeconds() {
            return elapsedNanos / 1e9;
        }
    }
}

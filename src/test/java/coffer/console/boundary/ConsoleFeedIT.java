package coffer.console.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Identity;
import coffer.testing.RunningCoffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's stream over HTTP, each watcher on a connection of its own: up to the cap every one
 * is served and fed every second, one more is refused at once with a problem (read on a socket with
 * a timeout, so that a broken cap fails the test instead of hanging it), and a watcher that leaves
 * frees its place for the next.
 */
class ConsoleFeedIT extends RunningCoffer {

    /** {@code console.max-watchers}: its default, which the test server keeps. */
    private static final int CAP = 50;

    private final List<Watcher> watchers = new ArrayList<>();

    @AfterEach
    void leave() {
        watchers.forEach(Watcher::close);
    }

    @Test
    void oneWatcherPastTheCapIsRefusedWith503AndRetryAfter() throws InterruptedException {
        for (int i = 0; i < CAP; i++) {
            admitted();
        }

        Watcher refused = watch();
        watchers.add(refused);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("content-type")).startsWith("application/problem+json");
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(refused.body()).contains("overloaded");
        assertThat(watchers.get(0).events(2)).as("events to a watcher within the cap").isEqualTo(2);
    }

    @Test
    void aWatcherThatLeftFreesItsPlace() throws InterruptedException {
        for (int i = 0; i < CAP; i++) {
            admitted();
        }
        Watcher oneTooMany = watch();
        oneTooMany.close();
        assertThat(oneTooMany.status()).isEqualTo(503);

        watchers.remove(0).close();

        assertThat(admitted().events(1)).isEqualTo(1);
    }

    /**
     * A watcher the server admitted, asked again every 200 ms while refused, for up to a minute:
     * the server learns that a watcher left (this class's earlier ones too) only at the first event
     * it cannot send it, a second or two later.
     */
    private Watcher admitted() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Watcher watcher = watch();
        while (watcher.status() == 503 && System.nanoTime() < deadline) {
            watcher.close();
            Thread.sleep(200);
            watcher = watch();
        }
        watchers.add(watcher);
        assertThat(watcher.status()).as("watcher %d", watchers.size()).isEqualTo(200);
        return watcher;
    }

    private Watcher watch() {
        return new Watcher(base.getPort());
    }

    /** One GET of the stream on a socket of its own, closed only by {@link #close}. */
    private static final class Watcher {

        private final Socket socket;
        private final BufferedReader in;
        private final int status;
        private final Map<String, String> headers = new HashMap<>();

        Watcher(int port) {
            try {
                socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(
                                ("GET /console/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                + "Authorization: Bearer "
                                                + Identity.caller()
                                                + "\r\nAccept: text/event-stream\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.UTF_8));
                status = Integer.parseInt(in.readLine().split(" ")[1]);
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    int colon = line.indexOf(':');
                    headers.put(
                            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        int status() {
            return status;
        }

        String header(String name) {
            return headers.get(name);
        }

        /** The body of a refusal, framed by its Content-Length. */
        String body() {
            char[] body = new char[Integer.parseInt(headers.get("content-length"))];
            try {
                for (int read = 0; read < body.length; ) {
                    read += in.read(body, read, body.length - read);
                }
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            return new String(body);
        }

        /** How many of {@code wanted} state events arrive, each within the socket's timeout. */
        int events(int wanted) {
            int seen = 0;
            try {
                String line;
                while (seen < wanted && (line = in.readLine()) != null) {
                    if (line.equals("event: state")) {
                        seen++;
                    }
                }
            } catch (IOException timedOut) {
                // Fewer than wanted: the count says how many.
            }
            return seen;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closed is what was wanted.
            }
        }
    }
}

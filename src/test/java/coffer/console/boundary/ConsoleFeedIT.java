package coffer.console.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.RunningCoffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's stream over HTTP, each watcher on a connection of its own: up to the cap every one
 * is served and fed every second, one more is refused at once with a problem, and a watcher that
 * leaves frees its place for the next.
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

        Reply refused = api.send(api.request("console/events").GET());

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(refused.problemType()).isEqualTo("overloaded");
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

        Watcher(int port) {
            try {
                socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(
                                ("GET /console/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                + "Accept: text/event-stream\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.UTF_8));
                status = Integer.parseInt(in.readLine().split(" ")[1]);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        int status() {
            return status;
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

package coffer.console.boundary;

import coffer.problems.entity.ServiceOverloaded;
import coffer.tasks.boundary.Tick;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The consoles watching this instance, and what they are sent: the whole state, once when they
 * connect and then on every {@link Tick} (once a second). The state is read once per tick whatever
 * the number of watchers, not at all while nobody watches, and never by two ticks at once (a tick
 * that finds the last one still reading, the database being slow, is skipped). JAX-RS's {@link
 * SseBroadcaster} sends it and closes a watcher that went away at the first event it cannot take.
 *
 * <p>At most {@code console.max-watchers} watch at once: each holds a connection and an HTTP
 * worker's share of the instance, and the stream is open to anyone who reaches it, so one more is
 * refused (503 with {@code Retry-After}) before anything is sent.
 */
@ApplicationScoped
public class ConsoleFeed {

    private static final Logger LOG = Logger.getLogger(ConsoleFeed.class.getName());

    @Inject ConsoleState state;

    @Inject
    @ConfigProperty(name = "console.max-watchers", defaultValue = "50")
    int maxWatchers;

    /** The open streams, only to count them; the broadcaster is what sends. */
    private final Set<SseEventSink> watchers = new HashSet<>();

    private final AtomicBoolean reading = new AtomicBoolean();

    private Sse sse;
    private SseBroadcaster broadcaster;

    /**
     * Sends the state to {@code watcher} and then every second with the others.
     *
     * @throws ServiceOverloaded when {@code console.max-watchers} watch already
     */
    public void watch(SseEventSink watcher, Sse sse) {
        admit(watcher, sse);
        try {
            watcher.send(event(state.now()));
        } catch (RuntimeException unreadable) {
            leave(watcher);
            throw unreadable;
        }
        broadcaster().register(watcher);
    }

    private synchronized void leave(SseEventSink watcher) {
        watchers.remove(watcher);
    }

    private synchronized void admit(SseEventSink watcher, Sse sse) {
        watchers.removeIf(SseEventSink::isClosed);
        if (watchers.size() >= maxWatchers) {
            throw new ServiceOverloaded(
                    "The console's stream has "
                            + maxWatchers
                            + " watchers on this instance, as many as it admits. Try again later.");
        }
        watchers.add(watcher);
        if (broadcaster == null) {
            this.sse = sse;
            broadcaster = sse.newBroadcaster();
            broadcaster.onError((sink, failure) -> sink.close());
        }
    }

    private synchronized SseBroadcaster broadcaster() {
        return broadcaster;
    }

    /** Sends the state to every watcher, unless nobody watches or the last tick still reads. */
    void publish(@ObservesAsync Tick tick) {
        if (!anyoneWatching() || !reading.compareAndSet(false, true)) {
            return;
        }
        try {
            broadcaster().broadcast(event(state.now()));
        } catch (RuntimeException unreadable) {
            // The database is away: the page says how old its figures are, and this retries.
            LOG.log(Level.FINE, "Console state unreadable; trying again in a second", unreadable);
        } finally {
            reading.set(false);
        }
    }

    private synchronized boolean anyoneWatching() {
        watchers.removeIf(SseEventSink::isClosed);
        return !watchers.isEmpty();
    }

    private synchronized OutboundSseEvent event(ConsoleView view) {
        return sse.newEventBuilder()
                .name("state")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ConsoleView.class, view)
                .build();
    }

    @PreDestroy
    synchronized void closeStreams() {
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}

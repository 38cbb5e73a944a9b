package coffer.console.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consoles watching this instance, and what they are sent: the whole state, once when they
 * connect and then once a second. The state is read once per second whatever the number of
 * watchers, and not at all while nobody watches. A watcher that went away is dropped at the first
 * event it cannot take.
 */
@ApplicationScoped
public class ConsoleFeed {

    private static final Logger LOG = Logger.getLogger(ConsoleFeed.class.getName());

    @Inject ConsoleState state;

    private final Set<SseEventSink> watchers = ConcurrentHashMap.newKeySet();
    private volatile Sse sse;

    public void watch(SseEventSink watcher, Sse sse) {
        this.sse = sse;
        send(watcher, event(state.now()));
        watchers.add(watcher);
    }

    /** Sends the state to every watcher; called once a second by {@link ConsoleTimer}. */
    public void publish() {
        watchers.removeIf(SseEventSink::isClosed);
        if (watchers.isEmpty()) {
            return;
        }
        OutboundSseEvent event;
        try {
            event = event(state.now());
        } catch (RuntimeException unreadable) {
            // The database is away: the page says how old its figures are, and this retries.
            LOG.log(Level.FINE, "Console state unreadable; trying again in a second", unreadable);
            return;
        }
        watchers.forEach(watcher -> send(watcher, event));
    }

    private OutboundSseEvent event(ConsoleView view) {
        return sse.newEventBuilder()
                .name("state")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ConsoleView.class, view)
                .build();
    }

    private void send(SseEventSink watcher, OutboundSseEvent event) {
        watcher.send(event)
                .whenComplete(
                        (sent, failure) -> {
                            if (failure != null) {
                                watchers.remove(watcher);
                                watcher.close();
                            }
                        });
    }
}

package coffer.logs.boundary;

import coffer.logs.control.JsonLogFormat;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code LOG_FORMAT=json}, the server's log handlers write {@link JsonLogFormat} from the
 * moment Coffer is deployed; the lines Payara wrote while booting keep its own format. Any other
 * value but {@code payara} (the default) is refused at deployment, so a misspelt switch is noticed.
 *
 * <p>A change to the whole server, on purpose: Payara Micro writes every application's lines and
 * its own through the root logger's handlers into one stream, and a log shipper can parse that
 * stream only if every line has one format, so JSON for Coffer's lines alone would be worse than
 * none. It is given back exactly: on undeployment each handler gets back the formatter it had,
 * unless something else has set another one since, which is then left in place.
 */
@Startup
@Singleton
public class LogFormatSwitch {

    @Inject
    @ConfigProperty(name = "log.format", defaultValue = "payara")
    String format;

    /** Each handler changed, with the formatter it had before. */
    private final Map<Handler, Formatter> previous = new IdentityHashMap<>();

    private Formatter json;

    @PostConstruct
    void apply() {
        switch (format) {
            case "payara" -> {}
            case "json" -> {
                json = new JsonLogFormat();
                for (Handler handler : Logger.getLogger("").getHandlers()) {
                    previous.put(handler, handler.getFormatter());
                    handler.setFormatter(json);
                }
            }
            default ->
                    throw new IllegalStateException(
                            "LOG_FORMAT must be json or payara, not '" + format + "'");
        }
    }

    @PreDestroy
    void restore() {
        previous.forEach(
                (handler, formatter) -> {
                    if (handler.getFormatter() == json) {
                        handler.setFormatter(formatter);
                    }
                });
        previous.clear();
    }
}

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
 */
@Startup
@Singleton
public class LogFormatSwitch {

    @Inject
    @ConfigProperty(name = "log.format", defaultValue = "payara")
    String format;

    private final Map<Handler, Formatter> replaced = new IdentityHashMap<>();

    @PostConstruct
    void apply() {
        switch (format) {
            case "payara" -> {}
            case "json" -> {
                Formatter json = new JsonLogFormat();
                for (Handler handler : Logger.getLogger("").getHandlers()) {
                    replaced.put(handler, handler.getFormatter());
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
        replaced.forEach(Handler::setFormatter);
    }
}

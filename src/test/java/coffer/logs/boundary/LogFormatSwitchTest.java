package coffer.logs.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import coffer.logs.control.JsonLogFormat;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import java.util.logging.XMLFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On the real root logger, with two handlers of its own added for the test and removed after. */
class LogFormatSwitchTest {

    private final Logger root = Logger.getLogger("");
    private final Formatter simple = new SimpleFormatter();
    private final Formatter xml = new XMLFormatter();
    private final Handler console = new StreamHandler();
    private final Handler file = new StreamHandler();

    @BeforeEach
    void addHandlers() {
        console.setFormatter(simple);
        file.setFormatter(xml);
        root.addHandler(console);
        root.addHandler(file);
    }

    @AfterEach
    void removeHandlers() {
        root.removeHandler(console);
        root.removeHandler(file);
    }

    @Test
    void jsonWritesEveryRootHandlerAndUndeployGivesEachItsOwnFormatterBack() {
        LogFormatSwitch logs = switchTo("json");

        logs.apply();
        assertThat(console.getFormatter()).isInstanceOf(JsonLogFormat.class);
        assertThat(file.getFormatter()).isSameAs(console.getFormatter());

        logs.restore();
        assertThat(console.getFormatter()).isSameAs(simple);
        assertThat(file.getFormatter()).isSameAs(xml);
    }

    @Test
    void aFormatterSetByAnotherSinceIsLeftInPlace() {
        LogFormatSwitch logs = switchTo("json");
        Formatter someoneElses = new SimpleFormatter();

        logs.apply();
        file.setFormatter(someoneElses);
        logs.restore();

        assertThat(console.getFormatter()).isSameAs(simple);
        assertThat(file.getFormatter()).isSameAs(someoneElses);
    }

    @Test
    void payaraChangesNothing() {
        LogFormatSwitch logs = switchTo("payara");

        logs.apply();
        assertThat(console.getFormatter()).isSameAs(simple);
        logs.restore();
        assertThat(console.getFormatter()).isSameAs(simple);
    }

    @Test
    void anUnknownFormatIsRefusedAndChangesNothing() {
        LogFormatSwitch logs = switchTo("jsno");

        assertThatIllegalStateException()
                .isThrownBy(logs::apply)
                .withMessage("LOG_FORMAT must be json or payara, not 'jsno'");
        assertThat(console.getFormatter()).isSameAs(simple);
    }

    private static LogFormatSwitch switchTo(String format) {
        LogFormatSwitch logs = new LogFormatSwitch();
        logs.format = format;
        return logs;
    }
}

package coffer.logs.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatTest {

    private final JsonLogFormat format = new JsonLogFormat();

    @Test
    void aTaskRunsLineCarriesTaskRunAndInstanceAsFields() {
        LogRecord record =
                new LogRecord(Level.INFO, "task=KeyPurge run=42 instance=node-1 ended SUCCEEDED");
        record.setLoggerName("coffer.tasks.control.TaskRunner");
        record.setInstant(Instant.parse("2026-12-01T10:00:00Z"));

        String line = format.format(record);

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
        JsonObject json = read(line);
        assertThat(json.getString("time")).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.getString("level")).isEqualTo("INFO");
        assertThat(json.getString("logger")).isEqualTo("coffer.tasks.control.TaskRunner");
        assertThat(json.getString("task")).isEqualTo("KeyPurge");
        assertThat(json.getJsonNumber("run").longValue()).isEqualTo(42);
        assertThat(json.getString("instance")).isEqualTo("node-1");
        assertThat(json.containsKey("exception")).isFalse();
    }

    @Test
    void anyOtherLineHasItsMessageQuotedAndItsStackTrace() {
        LogRecord record = new LogRecord(Level.SEVERE, "Incident {0}: \"quoted\"\nsecond line");
        record.setParameters(new Object[] {"abc"});
        record.setThrown(new IllegalStateException("boom"));

        JsonObject json = read(format.format(record));

        assertThat(json.getString("message")).isEqualTo("Incident abc: \"quoted\"\nsecond line");
        assertThat(json.containsKey("task")).isFalse();
        assertThat(json.getString("exception"))
                .startsWith("java.lang.IllegalStateException: boom")
                .contains("at coffer.logs.control.JsonLogFormatTest");
    }

    private static JsonObject read(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}

package coffer.problems.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentsTest {

    private final Logger logger = Logger.getLogger(Incidents.class.getName());
    private final List<LogRecord> lines = new ArrayList<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    lines.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void aFailureSharedByRequestsIsTracedUnderItsFirstIncidentOnly() {
        RuntimeException failure = new RuntimeException("database gone");

        String first = Incidents.of(Level.WARNING, "database unavailable", failure);
        String second = Incidents.of(Level.WARNING, "database unavailable", failure);

        assertThat(first).isNotEqualTo(second);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getMessage())
                .isEqualTo("Incident " + first + ": database unavailable");
        assertThat(lines.get(0).getThrown()).isSameAs(failure);
        assertThat(lines.get(1).getMessage())
                .isEqualTo("Incident " + second + ": database unavailable, as incident " + first);
        assertThat(lines.get(1).getThrown()).isNull();
    }

    @Test
    void aDecided5xxIsOneLineWithoutTrace() {
        String incident = Incidents.of(503, "overloaded", "/balance/update");

        assertThat(lines)
                .singleElement()
                .satisfies(
                        line -> {
                            assertThat(line.getMessage())
                                    .isEqualTo(
                                            "Incident "
                                                    + incident
                                                    + ": 503 overloaded at /balance/update");
                            assertThat(line.getThrown()).isNull();
                        });
    }
}

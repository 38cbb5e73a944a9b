package coffer.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.InsideCoffer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Registration and heartbeats of instances, inside the server against the real database. */
@InsideCoffer
class InstanceRegistryIT {

    @Inject InstanceRegistry registry;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    private final LocalInstance me =
            new LocalInstance() {
                private final String id =
                        "registry-test-" + ThreadLocalRandom.current().nextInt(1_000_000);

                @Override
                public String id() {
                    return id;
                }

                @Override
                public String name() {
                    return "registry-test";
                }

                @Override
                public String host() {
                    return "host-a";
                }

                @Override
                public int httpPort() {
                    return 8123;
                }
            };

    @Test
    void aHeartbeatKeepsTheRowItFinds() throws SQLException {
        registry.register(me);
        String started = row("started_at");

        registry.heartbeat(me);

        assertThat(row("started_at")).isEqualTo(started);
        assertThat(row("last_heartbeat > started_at")).isEqualTo("true");
    }

    @Test
    void aHeartbeatThatFindsNoRowRegistersTheInstanceAgain() throws SQLException {
        registry.register(me);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM instances WHERE id = ?")) {
            delete.setString(1, me.id());
            assertThat(delete.executeUpdate()).isOne();
        }

        registry.heartbeat(me);

        assertThat(
                        row(
                                "name || ' ' || host || ':' || http_port || ' stopped='"
                                        + " || (stopped_at IS NOT NULL)"))
                .isEqualTo("registry-test host-a:8123 stopped=false");
    }

    /** An expression over this instance's row, as text. */
    private String row(String expression) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement(
                                "SELECT CAST("
                                        + expression
                                        + " AS text) FROM instances WHERE id = ?")) {
            select.setString(1, me.id());
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("a row for " + me.id()).isTrue();
                return rows.getString(1);
            }
        }
    }
}

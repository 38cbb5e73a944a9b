package coffer.health.boundary;

import coffer.migration.control.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and the schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    @Inject SchemaMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        boolean answers = databaseAnswers();
        boolean migrated = migrator.isMigrated();
        return HealthCheckResponse.named("database")
                .status(answers && migrated)
                .withData("connection", answers ? "UP" : "DOWN")
                .withData("schema", migrated ? "migrated" : "pending: " + migrator.lastFailure())
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException unreachable) {
            return false;
        }
    }
}

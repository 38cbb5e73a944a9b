package coffer.migration.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date when the application starts, then lays the tables out over Citus
 * when it is on ({@link CitusLayout}).
 *
 * <p>A migration that fails (the database went away again, a lock wait timed out) does not fail the
 * deployment: it is retried every few seconds and readiness stays DOWN until it has succeeded, so
 * orchestration routes no traffic here before the schema is in place. (The database must answer
 * when the WAR deploys at all: Payara's JPA deployer logs in then.) Bean-managed transactions
 * because Flyway drives its own. Concurrent instances are safe: Flyway serialises migrations
 * through a PostgreSQL advisory lock. A missing database password stops the start here with a
 * message that says so, rather than a login failure further on.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final long RETRY_MILLIS = 3_000;

    @Resource(lookup = "java:app/jdbc/coffer")
    DataSource dataSource;

    @Resource TimerService timerService;

    private volatile boolean migrated;
    private volatile String lastFailure = "not attempted yet";

    @PostConstruct
    void migrateAtStartup() {
        if (ConfigProvider.getConfig().getOptionalValue("db.password", String.class).isEmpty()) {
            throw new IllegalStateException(
                    "DB_PASSWORD (db.password) is not set: Coffer has no default database"
                            + " password. Set it in the environment (compose: in .env).");
        }
        migrate();
    }

    @Timeout
    void migrate() {
        try {
            var result =
                    Flyway.configure()
                            .dataSource(dataSource)
                            .locations("classpath:db/migration")
                            .load()
                            .migrate();
            distribute();
            migrated = true;
            LOG.info(
                    () ->
                            "Schema at version "
                                    + result.targetSchemaVersion
                                    + " ("
                                    + result.migrationsExecuted
                                    + " migrations applied now)");
        } catch (RuntimeException failure) {
            lastFailure = shown(failure);
            LOG.log(
                    Level.WARNING,
                    "Schema migration failed; retrying in " + RETRY_MILLIS + " ms",
                    failure);
            timerService.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
        }
    }

    /** Spreads the tables over Citus when it is on ({@link CitusLayout}). */
    private void distribute() {
        try (Connection connection = dataSource.getConnection()) {
            if (CitusLayout.apply(
                    connection,
                    ConfigProvider.getConfig().getOptionalValue("db.citus", Boolean.class))) {
                LOG.info("Tables laid out for Citus");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Laying the tables out for Citus failed", failed);
        }
    }

    /**
     * A failure in words safe to show: its kind, or what to fix when Citus is switched on where it
     * cannot be ({@link CitusLayout.Unavailable}, a message of our own).
     */
    static String shown(RuntimeException failure) {
        return failure instanceof CitusLayout.Unavailable
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
    }

    public boolean isMigrated() {
        return migrated;
    }

    /** Why the schema is not ready, in words safe to show ({@link #shown}). */
    public String lastFailure() {
        return lastFailure;
    }
}

package coffer.migration.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coffer.testing.CitusCluster;
import coffer.testing.Database;
import java.sql.Connection;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@code DB_CITUS=false} on a database that has the citus extension keeps every table local, for
 * real: a Citus node (the coordinator alone, since the switch is decided before any worker would be
 * asked) with the schema Flyway makes. A few seconds, where a second Coffer on Citus would cost a
 * boot; {@code CitusSystemIT} boots one with the layout on. Skipped, saying why, only where Citus
 * is not installed.
 */
class CitusSwitchedOffSystemIT {

    @Test
    void switchedOffOnADatabaseWithTheExtensionKeepsEveryTableLocal() throws Exception {
        String missing = CitusCluster.whyNotInstalled();
        assumeTrue(missing == null, () -> "Citus switch test skipped: " + missing);
        try (CitusCluster coordinator = CitusCluster.start(19_023)) {
            Database database = coordinator.database();
            Flyway.configure()
                    .dataSource(database.url(), database.user(), database.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            try (Connection connection = database.connect()) {
                assertThat(CitusLayout.apply(connection, Optional.of(false))).isFalse();
            }

            assertThat(
                            database.queryLong(
                                    "SELECT count(*) FROM pg_extension WHERE extname = 'citus'"))
                    .isOne();
            assertThat(database.queryLong("SELECT count(*) FROM pg_dist_partition"))
                    .as("tables Citus knows of")
                    .isZero();
            assertThat(database.update("UPDATE users SET balance = balance - 2 WHERE id = 1"))
                    .as("the migrations' user, changed in its local table")
                    .isOne();
        }
    }
}

package coffer.migration.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * What readiness shows of a failed start: what to fix where we know it, never a database's words.
 */
class SchemaMigratorTest {

    @Test
    void citusSwitchedOnWhereItCannotBeSaysWhatToFixAndHidesTheDatabasesWords() {
        String shown =
                SchemaMigrator.shown(
                        new CitusLayout.Unavailable(
                                new SQLException("could not open /usr/share/citus.control")));

        assertThat(shown)
                .contains("DB_CITUS is true")
                .contains("shared_preload_libraries = 'citus'")
                .contains("or set DB_CITUS=false")
                .doesNotContain("/usr/share");
    }

    @Test
    void anyOtherFailureIsShownByItsKindOnly() {
        assertThat(
                        SchemaMigrator.shown(
                                new IllegalStateException("jdbc:postgresql://db:5432 refused")))
                .isEqualTo("IllegalStateException");
    }
}

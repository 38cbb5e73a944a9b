package coffer.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondForFiveAttempts() {
        assertThat(Backoff.after(1)).contains(Duration.ofSeconds(1));
        assertThat(Backoff.after(2)).contains(Duration.ofSeconds(2));
        assertThat(Backoff.after(3)).contains(Duration.ofSeconds(4));
        assertThat(Backoff.after(4)).contains(Duration.ofSeconds(8));
        assertThat(Backoff.after(5)).isEmpty();
    }

    @Test
    void failuresAreDescribedWithoutSqlOrClassNames() {
        RuntimeException database = new RuntimeException("wrapped", new SQLException(
                "ERROR: injected failure\n  Where: UPDATE accruals SET ...", "P0001"));

        assertThat(ExpireAccruals.describe(database))
                .isEqualTo("The database refused a write-off (SQLSTATE P0001); see the instance's"
                        + " log.");
        assertThat(ExpireAccruals.describe(new IllegalStateException("x.y.Z broke")))
                .isEqualTo("Unexpected failure; see the instance's log.");
    }
}

package coffer.ledger.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ExpireAccrualsTest {

    @Test
    void failuresAreDescribedWithoutSqlOrClassNames() {
        RuntimeException database =
                new RuntimeException(
                        "wrapped",
                        new SQLException(
                                "ERROR: injected failure\n  Where: UPDATE accruals SET ...",
                                "P0001"));

        assertThat(ExpireAccruals.describe(database))
                .isEqualTo(
                        "The database refused a write-off (SQLSTATE P0001); see the instance's"
                                + " log.");
        assertThat(ExpireAccruals.describe(new IllegalStateException("x.y.Z broke")))
                .isEqualTo("Unexpected failure; see the instance's log.");
    }
}

package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.problems.entity.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopErrorsTest {

    private static final Problem UNKNOWN_ITEM =
            new Problem(400, "unknown-item", "Unknown item", "no car");

    @Test
    void aProblemGetsItsDetailAsTheErrorsString() {
        assertThat(ShopErrors.withErrors(UNKNOWN_ITEM).extensions())
                .containsExactly(Map.entry("errors", "no car"));
    }

    @Test
    void fieldErrorsGiveWayToTheDetailWhichNamesTheSameFields() {
        Problem withFields = UNKNOWN_ITEM.with("errors", List.of(Map.of("field", "amount")));
        assertThat(ShopErrors.withErrors(withFields).extensions())
                .containsExactly(Map.entry("errors", "no car"));
    }
}

package coffer.problems.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.ledger.entity.InsufficientFunds;
import coffer.ledger.entity.UserId;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    private static final String KEPT =
            Problems.json(new InsufficientFunds(new UserId(7), 10, 20), null);

    @Test
    void aKeptProblemNamesThePathOfTheRequestItAnswersAfterItsDetail() {
        assertThat(Problems.at(KEPT, "/users/7/spend"))
                .isEqualTo(
                        Problems.json(
                                new InsufficientFunds(new UserId(7), 10, 20), "/users/7/spend"));
    }

    @Test
    void aKeptProblemHasNoInstanceOfItsOwn() {
        assertThat(KEPT).doesNotContain("instance");
        assertThat(Problems.at(Problems.at(KEPT, "/balance/update"), "/user-balance/7"))
                .contains("\"instance\":\"/user-balance/7\"")
                .doesNotContain("/balance/update");
    }
}

package coffer.problems.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.ledger.entity.InsufficientFunds;
import coffer.ledger.entity.UserId;
import coffer.problems.entity.Problem;
import org.junit.jupiter.api.Test;

class ProblemDocumentsTest {

    private static final Problem REFUSED = new InsufficientFunds(new UserId(7), 10, 20).problem();

    @Test
    void aProblemAnsweringARequestNamesItsPathAfterItsDetail() {
        assertThat(ProblemDocuments.write(REFUSED.at("/users/7/spend")))
                .startsWith("{\"type\":\"urn:coffer:problem:insufficient-funds\",\"title\":")
                .contains(",\"status\":400,\"detail\":")
                .contains("\",\"instance\":\"/users/7/spend\",")
                .contains(",\"balance\":10");
    }

    @Test
    void aKeptProblemHasNoInstanceOfItsOwnAndReadsBackAsItWas() {
        String kept = ProblemDocuments.write(REFUSED);

        assertThat(kept).doesNotContain("instance");
        Problem replayed = ProblemDocuments.read(kept);
        assertThat(ProblemDocuments.write(replayed.at("/user-balance/7")))
                .isEqualTo(ProblemDocuments.write(REFUSED.at("/user-balance/7")));
    }
}

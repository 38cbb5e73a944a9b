package coffer.operators.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorNameTest {

    @Test
    void aNameIsKeptStrippedAndNoNameIsTheUnnamedOperator() {
        assertThat(OperatorName.of(" alice.b@ops ")).isEqualTo("alice.b@ops");
        assertThat(OperatorName.of(null)).isEqualTo("operator");
        assertThat(OperatorName.of("  ")).isEqualTo("operator");
        assertThat(OperatorName.of("a".repeat(64))).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>", "-alice", "al\tice", "élise", "bob\nINFO forged line"})
    void aNameThatCouldForgeOrGarbleTheRecordIsRefused(String name) {
        assertThatThrownBy(() -> OperatorName.of(name))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("Coffer-Operator must be");
    }

    @Test
    void aNameLongerThan64IsRefused() {
        assertThatThrownBy(() -> OperatorName.of("a".repeat(65)))
                .isInstanceOf(InvalidRequest.class);
    }
}

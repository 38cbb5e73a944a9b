package coffer.idempotency.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @Test
    void theHeaderWinsOverTheRequestId() {
        assertThat(IdempotencyKey.of("from-header", Optional.of("from-body")))
                .contains(new IdempotencyKey("from-header"));
        assertThat(IdempotencyKey.of(null, Optional.of("from-body")))
                .contains(new IdempotencyKey("from-body"));
        assertThat(IdempotencyKey.of(null, Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "tab\there", "ü"})
    void onlyVisibleAsciiIsAKey(String text) {
        assertThatThrownBy(() -> new IdempotencyKey(text)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void atMostTwoHundredCharacters() {
        new IdempotencyKey("k".repeat(200));

        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(201)))
                .isInstanceOf(InvalidRequest.class);
    }
}

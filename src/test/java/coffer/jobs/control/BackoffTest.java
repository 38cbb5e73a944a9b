package coffer.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

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
}

package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.merch.entity.TooManyAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final MutableClock clock = new MutableClock();
    private final FailedLogins failedLogins = new FailedLogins(clock, 3);

    @Test
    void theLimitOfWrongPasswordsStopsFurtherLoginsOfThatUsernameOnly() {
        for (int i = 0; i < 2; i++) {
            failedLogins.failed("alice");
        }
        assertThatCode(() -> failedLogins.checkAllowed("alice")).doesNotThrowAnyException();

        failedLogins.failed("alice");

        assertThatThrownBy(() -> failedLogins.checkAllowed("alice"))
                .isInstanceOfSatisfying(
                        TooManyAttempts.class,
                        refused -> {
                            assertThat(refused.status()).isEqualTo(429);
                            assertThat(refused.retryAfterSeconds()).hasValue(60);
                        });
        assertThatCode(() -> failedLogins.checkAllowed("bob")).doesNotThrowAnyException();
    }

    @Test
    void theRefusalLastsAMinuteFromTheFirstWrongPassword() {
        failedLogins.failed("alice");
        clock.advance(Duration.ofSeconds(40));
        failedLogins.failed("alice");
        failedLogins.failed("alice");

        assertThatThrownBy(() -> failedLogins.checkAllowed("alice"))
                .isInstanceOfSatisfying(
                        TooManyAttempts.class,
                        refused -> assertThat(refused.retryAfterSeconds()).hasValue(20));
        clock.advance(Duration.ofSeconds(20));
        assertThatCode(() -> failedLogins.checkAllowed("alice")).doesNotThrowAnyException();
        failedLogins.failed("alice");
        assertThatCode(() -> failedLogins.checkAllowed("alice"))
                .as("a new window")
                .doesNotThrowAnyException();
    }

    @Test
    void aRightPasswordClearsTheCount() {
        failedLogins.failed("alice");
        failedLogins.failed("alice");
        failedLogins.succeeded("alice");
        failedLogins.failed("alice");
        failedLogins.failed("alice");

        assertThatCode(() -> failedLogins.checkAllowed("alice")).doesNotThrowAnyException();
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

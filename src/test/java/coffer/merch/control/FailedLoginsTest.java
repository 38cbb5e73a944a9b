package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.merch.entity.TooManyAttempts;
import coffer.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private static final String STRANGER = "203.0.113.7";
    private static final String OWNER = "198.51.100.9";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FailedLogins failedLogins =
            new FailedLogins(Counts.local(FailedLogins.WINDOW), clock, 3, 5);

    @Test
    void theLimitOfWrongPasswordsStopsThatUsernameFromThatAddressOnly() {
        guessWrong("alice", STRANGER, 3);

        assertThatThrownBy(() -> failedLogins.begin("alice", STRANGER))
                .isInstanceOfSatisfying(
                        TooManyAttempts.class,
                        refused -> {
                            assertThat(refused.retryAfterSeconds()).hasValue(60);
                            assertThat(refused.getMessage())
                                    .isEqualTo(
                                            "too many wrong passwords for this username from your"
                                                    + " address; try again in 60 s");
                        });
        assertThatCode(() -> login("alice", OWNER, true)).doesNotThrowAnyException();
        assertThatCode(() -> login("bob", STRANGER, true)).doesNotThrowAnyException();
    }

    @Test
    void onePasswordSprayedOverUsernamesIsStoppedPerAddress() {
        for (int i = 0; i < 5; i++) {
            guessWrong("user-" + i, STRANGER, 1);
        }

        assertThatThrownBy(() -> failedLogins.begin("user-5", STRANGER))
                .isInstanceOf(TooManyAttempts.class)
                .hasMessageStartingWith("too many wrong passwords from your address;");
        assertThatCode(() -> login("user-5", OWNER, false)).doesNotThrowAnyException();
    }

    @Test
    void anAttemptTakesItsPlaceBeforeItsPasswordIsChecked() {
        FailedLogins.Attempt first = failedLogins.begin("alice", STRANGER);
        FailedLogins.Attempt second = failedLogins.begin("alice", STRANGER);
        FailedLogins.Attempt third = failedLogins.begin("alice", STRANGER);

        assertThatThrownBy(() -> failedLogins.begin("alice", STRANGER))
                .isInstanceOf(TooManyAttempts.class);
        first.close();
        second.close();
        third.close();
        assertThatCode(() -> guessWrong("alice", STRANGER, 3)).doesNotThrowAnyException();
    }

    @Test
    void aRightPasswordClearsItsPairAndGivesBackItsPlaceInTheAddress() {
        guessWrong("alice", STRANGER, 2);

        login("alice", STRANGER, true);

        assertThatCode(() -> guessWrong("alice", STRANGER, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> failedLogins.begin("carol", STRANGER))
                .as("5 wrong passwords from the address, the right one not counted")
                .hasMessageStartingWith("too many wrong passwords from your address;");
    }

    @Test
    void theWindowIsAMinuteFromTheFirstWrongPassword() {
        guessWrong("alice", STRANGER, 1);
        clock.advance(Duration.ofSeconds(40));
        guessWrong("alice", STRANGER, 2);

        clock.advance(Duration.ofSeconds(15));
        assertThatThrownBy(() -> failedLogins.begin("alice", STRANGER))
                .isInstanceOfSatisfying(
                        TooManyAttempts.class,
                        refused -> assertThat(refused.retryAfterSeconds()).hasValue(5));

        clock.advance(Duration.ofSeconds(5));
        assertThatCode(() -> guessWrong("alice", STRANGER, 3)).doesNotThrowAnyException();
    }

    private void guessWrong(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            try (FailedLogins.Attempt attempt = failedLogins.begin(username, address)) {
                attempt.wrongPassword();
            }
        }
    }

    private void login(String username, String address, boolean right) {
        try (FailedLogins.Attempt attempt = failedLogins.begin(username, address)) {
            if (right) {
                attempt.rightPassword();
            }
        }
    }
}

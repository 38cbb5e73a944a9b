package coffer;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger verifications = new AtomicInteger();

    /** A verifier that accepts every token until an hour from now, and counts its calls. */
    private final Function<String, Optional<VerifiedTokens.Verified<String>>> accepting =
            token -> {
                verifications.incrementAndGet();
                return Optional.of(new VerifiedTokens.Verified<>(token, NOW.plusSeconds(3_600)));
            };

    private final Function<String, Optional<VerifiedTokens.Verified<String>>> refusing =
            token -> {
                verifications.incrementAndGet();
                return Optional.empty();
            };

    @Test
    void aTokenIsVerifiedBySignatureOnceAndThenAnsweredFromTheCache() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ofMinutes(1), 10);

        assertThat(tokens.verify("a", accepting)).contains("a");
        assertThat(tokens.verify("a", accepting)).contains("a");
        assertThat(tokens.verify("a", refusing)).contains("a");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenPastItsExpiryIsRefusedWithoutAskingTheVerifier() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ofHours(2), 10);
        tokens.verify("a", accepting);

        clock.advance(Duration.ofSeconds(3_599));
        assertThat(tokens.verify("a", refusing)).contains("a");
        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.verify("a", accepting)).isEmpty();
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsNeverCached() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ofMinutes(1), 10);

        assertThat(tokens.verify("forged", refusing)).isEmpty();
        assertThat(tokens.verify("forged", refusing)).isEmpty();

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenIsVerifiedAgainOnceItsEntryOutlivesTheTtl() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ofMinutes(1), 10);
        tokens.verify("a", accepting);

        clock.advance(Duration.ofSeconds(59));
        tokens.verify("a", refusing);
        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.verify("a", refusing)).isEmpty();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anotherTokenTextIsAnotherEntry() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ofMinutes(1), 10);
        tokens.verify("header.claims.signature", accepting);

        assertThat(tokens.verify("header.claims.signaturf", refusing)).isEmpty();
        assertThat(tokens.verify("header.claims.signature ", refusing)).isEmpty();
    }

    @Test
    void itHoldsNoMoreThanItsMaximumSize() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ofMinutes(1), 10);

        for (int i = 0; i < 1_000; i++) {
            tokens.verify("token-" + i, accepting);
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void aZeroTtlKeepsNothing() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(clock, Duration.ZERO, 10);

        tokens.verify("a", accepting);
        tokens.verify("a", accepting);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }
}

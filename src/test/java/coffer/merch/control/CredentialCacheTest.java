package coffer.merch.control;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.metrics.control.Meters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    @Test
    void aRememberedPasswordIsHeldForItsUsername() {
        CredentialCache cache = open(Duration.ofMinutes(5));

        cache.remember("alice", "secret");

        assertThat(cache.holds("alice", "secret")).isTrue();
    }

    @Test
    void aWrongPasswordOrAnotherUsernameIsNotHeld() {
        CredentialCache cache = open(Duration.ofMinutes(5));

        cache.remember("alice", "secret");

        assertThat(cache.holds("alice", "Secret")).isFalse();
        assertThat(cache.holds("alice", "secret ")).isFalse();
        assertThat(cache.holds("bob", "secret")).isFalse();
    }

    @Test
    void whereTheUsernameEndsAndThePasswordBeginsIsPartOfTheMac() {
        CredentialCache cache = open(Duration.ofMinutes(5));

        cache.remember("ab", "c");

        assertThat(cache.holds("ab", "c")).isTrue();
        assertThat(cache.mac("a", "bc")).isNotEqualTo(cache.mac("ab", "c"));
    }

    @Test
    void aRememberedPasswordIsForgottenAfterTheTtl() throws InterruptedException {
        CredentialCache cache = open(Duration.ofMillis(200));
        cache.remember("alice", "secret");

        Thread.sleep(400);

        assertThat(cache.holds("alice", "secret")).isFalse();
    }

    @Test
    void aZeroTtlRemembersNothing() {
        CredentialCache cache = open(Duration.ZERO);

        cache.remember("alice", "secret");

        assertThat(cache.holds("alice", "secret")).isFalse();
    }

    @Test
    void twoInstancesMacTheSamePasswordDifferently() {
        assertThat(open(Duration.ofMinutes(5)).mac("alice", "secret"))
                .isNotEqualTo(open(Duration.ofMinutes(5)).mac("alice", "secret"));
    }

    private static CredentialCache open(Duration ttl) {
        CredentialCache cache = new CredentialCache();
        cache.ttl = ttl;
        cache.maxSize = 100;
        cache.meters =
                new Meters() {
                    private final PrometheusMeterRegistry registry =
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

                    @Override
                    public PrometheusMeterRegistry registry() {
                        return registry;
                    }
                };
        cache.open();
        return cache;
    }
}

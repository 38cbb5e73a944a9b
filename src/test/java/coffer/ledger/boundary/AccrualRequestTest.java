package coffer.ledger.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class AccrualRequestTest {

    @Test
    void readsAnExpiryWithAnyOffsetAsTheSameInstant() {
        AccrualRequest inParis =
                AccrualRequest.from(
                        json("{\"amount\": 100, \"expiresAt\": \"2027-01-31T01:00:00+01:00\"}"));
        AccrualRequest inUtc =
                AccrualRequest.from(
                        json("{\"amount\": 100, \"expiresAt\": \"2027-01-31T00:00:00Z\"}"));

        assertThat(inParis.expiresAt()).contains(OffsetDateTime.parse("2027-01-31T00:00:00Z"));
        assertThat(inParis.fingerprint()).isEqualTo(inUtc.fingerprint());
    }

    @Test
    void anExpiryIsOptional() {
        AccrualRequest forever = AccrualRequest.from(json("{\"amount\": 5, \"requestId\": \"k\"}"));

        assertThat(forever.expiresAt()).isEmpty();
        assertThat(forever.requestId()).contains("k");
        assertThat(forever.fingerprint()).isEqualTo("accrual:5:null");
    }

    @Test
    void aDateWithoutTimeOrOffsetIsRefused() {
        assertThatThrownBy(
                        () ->
                                AccrualRequest.from(
                                        json("{\"amount\": 5, \"expiresAt\": \"2027-01-31\"}")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("expiresAt must be an ISO-8601 date-time with offset");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

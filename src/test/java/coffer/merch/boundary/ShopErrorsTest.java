package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShopErrorsTest {

    @Test
    void aProblemGetsItsDetailAsTheErrorsString() {
        assertThat(
                        ShopErrors.withErrors(
                                "{\"type\":\"urn:coffer:problem:unknown-item\","
                                        + "\"title\":\"Unknown item\",\"status\":400,\"detail\":\"no car\"}"))
                .isEqualTo(
                        "{\"type\":\"urn:coffer:problem:unknown-item\",\"title\":"
                                + "\"Unknown item\",\"status\":400,\"detail\":\"no car\","
                                + "\"errors\":\"no car\"}");
    }

    @Test
    void fieldErrorsGiveWayToTheDetailWhichNamesTheSameFields() {
        assertThat(
                        ShopErrors.withErrors(
                                "{\"detail\":\"amount is required.\",\"errors\":"
                                        + "[{\"field\":\"amount\",\"message\":\"is required\"}]}"))
                .isEqualTo(
                        "{\"detail\":\"amount is required.\",\"errors\":"
                                + "\"amount is required.\"}");
    }
}

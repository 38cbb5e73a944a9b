package coffer.requests.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFieldsTest {

    private static final LongRule POSITIVE = LongRule.between(1, Long.MAX_VALUE, "positive");

    @Test
    void readsAWholeNumber() {
        JsonFields fields = JsonFields.of(json("{\"n\": 42}"));

        assertThat(fields.requiredLong("n", POSITIVE)).isEqualTo(42);
        fields.validate();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"n\": \"42\"}   | n must be positive, not a string",
                "{\"n\": 4.2}      | n must be positive, not 4.2",
                "{\"n\": 2.0}      | n must be positive, not 2.0",
                "{\"n\": 1e3}      | n must be positive, not 1e3",
                "{\"n\": 2E0}      | n must be positive, not 2E0",
                "{\"n\": 0.2e1}    | n must be positive, not 0.2e1",
                "{\"n\": 20e-1}    | n must be positive, not 20e-1",
                "{\"n\": true}     | n must be positive, not a boolean",
                "{\"n\": null}     | n must be positive, not null",
                "{\"n\": [1]}      | n must be positive, not an array",
                "{\"n\": {}}       | n must be positive, not an object",
                "{\"n\": -1}       | n must be positive, not -1",
                "{\"n\": 1e19}     | n must be positive, not 1e19",
                "{}                | n is required"
            })
    void refusesAnythingButAWholeNumberThatFitsTheRule(String body, String problem) {
        JsonFields fields = JsonFields.of(json(body));
        fields.requiredLong("n", POSITIVE);

        assertThatThrownBy(fields::validate)
                .isInstanceOf(InvalidRequest.class)
                .hasMessage(problem + ".");
    }

    @Test
    void listsEveryInvalidField() {
        JsonFields fields = JsonFields.of(json("{\"a\": \"x\", \"c\": 0}"));
        fields.requiredLong("a", POSITIVE);
        fields.requiredLong("b", POSITIVE);
        fields.requiredLong("c", POSITIVE);

        assertThatThrownBy(fields::validate)
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        invalid ->
                                assertThat(invalid.extensions().get("errors"))
                                        .isEqualTo(
                                                List.of(
                                                        Map.of(
                                                                "field",
                                                                "a",
                                                                "message",
                                                                "must be positive, not a string"),
                                                        Map.of(
                                                                "field",
                                                                "b",
                                                                "message",
                                                                "is required"),
                                                        Map.of(
                                                                "field",
                                                                "c",
                                                                "message",
                                                                "must be positive, not 0"))));
    }

    @Test
    void optionalFieldFallsBackWhenAbsentButNotWhenInvalid() {
        JsonFields absent = JsonFields.of(json("{}"));
        assertThat(absent.optionalLong("n", 7, POSITIVE)).isEqualTo(7);
        absent.validate();

        JsonFields invalid = JsonFields.of(json("{\"n\": null}"));
        invalid.optionalLong("n", 7, POSITIVE);
        assertThatThrownBy(invalid::validate).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void missingBodyIsRefusedWhereOneIsRequired() {
        assertThatThrownBy(() -> JsonFields.of(null))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("empty");
        JsonFields.ofOptional(null).validate();
    }

    @Test
    void stringIsParsedAndRefusedWithTheRequirement() {
        JsonFields fields = JsonFields.of(json("{\"s\": \"abc\", \"t\": 5}"));

        assertThat(fields.optionalString("s", s -> Optional.of(s.length()), "text")).contains(3);
        assertThat(fields.optionalString("t", s -> Optional.of(s), "text")).isEmpty();
        assertThat(fields.optionalString("u", s -> Optional.of(s), "text")).isEmpty();
        assertThatThrownBy(fields::validate).hasMessage("t must be text, not a number.");
    }

    @Test
    void membersThatAreNoFieldOfTheRequestAreRefusedByName() {
        JsonFields fields = JsonFields.of(json("{\"balanse\": 5, \"n\": 1, \"id\": 3}"));
        fields.requiredLong("n", POSITIVE);
        fields.optionalLong("m", 7, POSITIVE);

        assertThatThrownBy(fields::validate)
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        invalid ->
                                assertThat(invalid.extensions().get("errors"))
                                        .isEqualTo(
                                                List.of(
                                                        Map.of(
                                                                "field",
                                                                "balanse",
                                                                "message",
                                                                "is not a field of this request (its fields: n, m)"),
                                                        Map.of(
                                                                "field",
                                                                "id",
                                                                "message",
                                                                "is not a field of this request (its fields: n, m)"))));
    }

    @Test
    void aRequestWithoutFieldsTakesOnlyAnEmptyObject() {
        JsonFields.ofOptional(json("{}")).validate();

        assertThatThrownBy(() -> JsonFields.ofOptional(json("{\"force\": true}")).validate())
                .hasMessage("force is not a field of this request (it takes none).");
    }

    @Test
    void unknownFieldErrorsFollowTheOthers() {
        JsonFields fields = JsonFields.of(json("{\"amout\": -2}"));
        fields.requiredLong("amount", POSITIVE);

        assertThatThrownBy(fields::validate)
                .hasMessage(
                        "amount is required; amout is not a field"
                                + " of this request (its fields: amount).");
    }

    @Test
    void anUnknownNameIsQuotedSafely() {
        JsonFields fields =
                JsonFields.of(json("{\"am\\u0000\u00f6unt\": 1, \"" + "x".repeat(100) + "\": 2}"));

        assertThatThrownBy(fields::validate)
                .isInstanceOfSatisfying(
                        InvalidRequest.class,
                        invalid ->
                                assertThat(
                                                ((List<?>) invalid.extensions().get("errors"))
                                                        .stream()
                                                                .map(
                                                                        error ->
                                                                                (Object)
                                                                                        ((Map<?, ?>)
                                                                                                        error)
                                                                                                .get(
                                                                                                        "field"))
                                                                .toList())
                                        .containsExactly(
                                                "am\\u0000\\u00f6unt", "x".repeat(40) + "..."));
    }

    private static JsonObject json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8)).asJsonObject();
    }
}

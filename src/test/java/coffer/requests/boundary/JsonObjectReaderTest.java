package coffer.requests.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.problems.entity.InvalidRequest;
import coffer.problems.entity.PayloadTooLarge;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JsonObjectReaderTest {

    private final JsonObjectReader reader = new JsonObjectReader();

    @Test
    void readsAJsonObject() {
        assertThat(read(bytes("{\"userId\": 1, \"amount\": -5}")).getInt("amount")).isEqualTo(-5);
    }

    @Test
    void anEmptyBodyReadsAsNull() {
        assertThat(read(bytes(""))).isNull();
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> read(bytes("{\"amount\": }")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("The request body is not valid JSON (line 1, column 12).");
    }

    @Test
    void aValueThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> read(bytes("[1, 2]")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("The request body must be a JSON object, not array.");
    }

    @Test
    void aBodyCutOffBeforeItStartsIsAnIncompleteRequest() {
        assertThatThrownBy(() -> read(hangingUpAfter("")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage(
                        "The request body ended before it was complete. "
                                + "Send the whole JSON object.");
    }

    @Test
    void aBodyCutOffHalfwayIsAnIncompleteRequest() {
        assertThatThrownBy(() -> read(hangingUpAfter("{\"userId\": 1, \"amo")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage(
                        "The request body ended before it was complete. "
                                + "Send the whole JSON object.");
    }

    @Test
    void deepNestingWithinTheSizeLimitIsAnInvalidRequest() {
        assertThatThrownBy(() -> read(bytes("[".repeat(16_000))))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("nested deeper than 32 levels");
        assertThatThrownBy(
                        () ->
                                read(
                                        bytes(
                                                "{\"userId\": 1, \"amount\": -2, \"x\": "
                                                        + "[".repeat(8_000)
                                                        + "]".repeat(8_000)
                                                        + "}")))
                .hasMessageContaining("nested deeper than 32 levels");
    }

    @Test
    void aBodyIsReadAsUtf8Only() {
        assertThatThrownBy(
                        () ->
                                read(
                                        new ByteArrayInputStream(
                                                "{\"amount\": 5}"
                                                        .getBytes(StandardCharsets.UTF_16LE))))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("The request body is not valid JSON (line 1, column 2).");
    }

    @Test
    void aHugeBodyIsRefusedWhateverItHolds() {
        assertThatThrownBy(() -> read(bytes("[".repeat(BoundedInputStream.MAX_BYTES + 1))))
                .isInstanceOf(PayloadTooLarge.class);
    }

    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() {
        byte[] huge = new byte[BoundedInputStream.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> read(new ByteArrayInputStream(huge)))
                .isInstanceOf(PayloadTooLarge.class);
    }

    private JsonObject read(InputStream body) {
        return reader.readFrom(JsonObject.class, JsonObject.class, null, null, null, body);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the container's stream does when the client closes the connection mid-body. */
    private static InputStream hangingUpAfter(String sent) {
        InputStream hungUp =
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new EOFException();
                    }
                };
        return new SequenceInputStream(bytes(sent), hungUp);
    }
}

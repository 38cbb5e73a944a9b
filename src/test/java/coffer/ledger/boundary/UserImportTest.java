package coffer.ledger.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coffer.ledger.entity.ExternalId;
import coffer.ledger.entity.Opening;
import coffer.problems.entity.InvalidRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserImportTest {

    private static final String UUID = "39b7468a-604a-4637-b959-548ba5de3bb1";

    @Test
    void readsEachUserWithTheIdsItGives() {
        List<Opening> users =
                read(
                        "[{\"id\": 42, \"balance\": 100},"
                                + " {\"externalId\": \""
                                + UUID.toUpperCase()
                                + "\", \"balance\": 0},"
                                + " {\"id\": 43, \"externalId\": \"11111111-1111-1111-1111-111111111111\","
                                + " \"balance\": 1000000000000}]");

        assertThat(users)
                .containsExactly(
                        new Opening(42L, null, 100),
                        new Opening(null, ExternalId.parse(UUID).orElseThrow(), 0),
                        new Opening(
                                43L,
                                ExternalId.parse("11111111-1111-1111-1111-111111111111")
                                        .orElseThrow(),
                                1_000_000_000_000L));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ''                                                  | The request body is empty or blank; send a JSON array.
            '  '                                                | The request body is empty or blank; send a JSON array.
            []                                                  | The import holds no user; send at least one.
            {"id": 1, "balance": 5}                             | The request body must be a JSON array of objects.
            [{"id": 1, "balance": 5}, 7]                        | Item 1 of the array must be a JSON object, not number.
            [{"balance": 5}]                                    | [0].id or externalId is required: by them a second run of the import finds the users the first one opened.
            [{"id": "7", "balance": 5}]                         | [0].id must be a positive whole number, not a string.
            [{"id": 0, "balance": 5}]                           | [0].id must be a positive whole number, not 0.
            [{"externalId": "1-1-1-1-1", "balance": 5}]         | [0].externalId must be a UUID string (8-4-4-4-12 hex digits).
            [{"id": 1}]                                         | [0].balance is required.
            [{"id": 1, "balance": -1}]                          | [0].balance must be a whole number from 0 to 1000000000000, not -1.
            [{"id": 1, "balance": 5, "name": "x"}]              | [0].name is not a field of this request (its fields: id, externalId, balance).
            [{"id": 1, "balance": 5, "id": 2}]                  | The request body has the member "id" twice. Send each member once.
            [{"id": 1, "balance": 5}, {"id": 1, "balance": 6}]  | Items 0 and 1 both name the user 1; name each user once.
            [{"id": 1, "balance": 5}]]                          | The request body is not valid JSON (line 1, column 26).
            [{"id": 1, "balance": 5} {"id": 2, "balance": 5}]   | The request body is not valid JSON (line 1, column 26).
            """)
    void refusesWhatCannotBeImportedAsSent(String body, String detail) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(InvalidRequest.class).hasMessage(detail);
    }

    @Test
    void anExternalIdInAnotherCaseIsTheSameUser() {
        assertThatThrownBy(
                        () ->
                                read(
                                        "[{\"externalId\": \""
                                                + UUID
                                                + "\", \"balance\": 5}, {\"externalId\": \""
                                                + UUID.toUpperCase()
                                                + "\", \"balance\": 5}]"))
                .hasMessage("Items 0 and 1 both name the user " + UUID + "; name each user once.");
    }

    @Test
    void refusesAByteOrderMarkAndBytesThatAreNotUtf8() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', ']'};
        byte[] latin1 =
                "[{\"id\": 1, \"balance\": 5, \"n\u00e9\": 1}]"
                        .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> UserImport.read(new ByteArrayInputStream(bom)))
                .hasMessage(
                        "The request body starts with a byte-order mark. Send UTF-8 without one.");
        assertThatThrownBy(() -> UserImport.read(new ByteArrayInputStream(latin1)))
                .hasMessage("The request body is not valid UTF-8. Send JSON in UTF-8.");
    }

    private static List<Opening> read(String body) {
        return UserImport.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}

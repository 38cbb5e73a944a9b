package coffer.ledger.boundary;

import coffer.ledger.entity.ExternalId;
import coffer.ledger.entity.Opening;
import coffer.problems.entity.InvalidRequest;
import coffer.requests.boundary.JsonArrayReader;
import coffer.requests.boundary.JsonFields;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /users/import}: a JSON array of users, each {@code {"id": 42,
 * "externalId": "...", "balance": 100}} with at least one of the two ids. Read in full and checked
 * before anything is written, so a bad item refuses the import before it begins.
 */
final class UserImport {

    /** About 350,000 users with both ids; a larger import is sent in several requests. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final List<Opening> users = new ArrayList<>();
    private final Map<Object, Integer> itemOfId = new HashMap<>();

    private UserImport() {}

    static List<Opening> read(InputStream body) {
        UserImport read = new UserImport();
        JsonArrayReader.forEachObject(body, MAX_BYTES, read::add);
        if (read.users.isEmpty()) {
            throw new InvalidRequest("The import holds no user; send at least one.");
        }
        return read.users;
    }

    private void add(JsonObject item, int index) {
        JsonFields fields = JsonFields.ofItem(item, index);
        long number = fields.optionalLong("id", 0, Amounts.USER_NUMBER);
        Optional<ExternalId> externalId =
                fields.optionalString(
                        "externalId", ExternalId::parse, "a UUID string (8-4-4-4-12 hex digits)");
        long balance = fields.requiredLong("balance", Amounts.OPENING_BALANCE);
        if (!item.containsKey("id") && !item.containsKey("externalId")) {
            fields.reject(
                    "id",
                    "or externalId is required: by them a second run of the import finds the"
                            + " users the first one opened");
        }
        fields.validate();
        Opening user = new Opening(number == 0 ? null : number, externalId.orElse(null), balance);
        onlyOnce(user.number(), index);
        onlyOnce(user.externalId(), index);
        users.add(user);
    }

    private void onlyOnce(Object id, int index) {
        if (id == null) {
            return;
        }
        Integer earlier = itemOfId.putIfAbsent(id, index);
        if (earlier != null) {
            throw new InvalidRequest(
                    "Items "
                            + earlier
                            + " and "
                            + index
                            + " both name the user "
                            + id
                            + "; name each user once.");
        }
    }
}

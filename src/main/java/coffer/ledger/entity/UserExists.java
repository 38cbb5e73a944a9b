package coffer.ledger.entity;

import coffer.problems.entity.ProblemException;
import java.util.Map;

/**
 * A user opened with an id another user has already: by {@code POST /users}, or by an import whose
 * item is not the user it finds (another external id or number, or another opening balance).
 */
public class UserExists extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UserExists(ExternalId externalId) {
        super(
                409,
                "user-exists",
                "User exists",
                "A user with the id "
                        + externalId
                        + " exists already. Nothing was changed; address that user by its id,"
                        + " or open the new one with another.",
                Map.of("userId", externalId.shown()));
    }

    public UserExists(int item, Opening opening) {
        super(
                409,
                "user-exists",
                "User exists",
                "Item "
                        + item
                        + " names user "
                        + opening.shown()
                        + ", which exists with other ids or another opening balance than the"
                        + " item's, so it is not this import's. Nothing of the import was changed.",
                Map.of("item", item, "userId", opening.shown()));
    }
}

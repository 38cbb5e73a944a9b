package coffer.ledger.entity;

import coffer.problems.entity.ProblemException;
import java.util.Map;

/** A user opened with an external id another user has already. */
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
}

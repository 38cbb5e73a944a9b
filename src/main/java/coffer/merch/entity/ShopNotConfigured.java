package coffer.merch.entity;

import coffer.problems.entity.ProblemException;

/**
 * The shop has no key to sign and verify tokens with: an operator's mistake, said plainly so it is
 * found at the first request, while the rest of Coffer keeps serving.
 */
public class ShopNotConfigured extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ShopNotConfigured() {
        super(
                503,
                "merch-not-configured",
                "Merch shop not configured",
                "the merch shop has no"
                        + " token signing key: set MERCH_JWT_KEY or MERCH_JWT_KEY_FILE");
    }
}

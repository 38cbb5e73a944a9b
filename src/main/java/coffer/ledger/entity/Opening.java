package coffer.ledger.entity;

/**
 * A user to open with its balance, as an import brings it: the number it keeps ({@code null}: one
 * is given), the external id it keeps ({@code null}: none), at least one of the two.
 */
public record Opening(Long number, ExternalId externalId, long balance) {

    public Opening {
        if (number == null && externalId == null) {
            throw new IllegalArgumentException("An opening needs a number or an external id");
        }
    }

    /** How an answer names the user: by its external id when it has one, else by number. */
    public Object shown() {
        return externalId != null ? externalId.shown() : number;
    }
}

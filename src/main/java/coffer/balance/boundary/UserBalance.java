package coffer.balance.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What every balance operation answers: whose balance and how much it is now. {@code userId} is the
 * user as the request named it (a number, or a UUID's text); {@code externalId} the user's UUID, or
 * null when it has none.
 */
@JsonbNillable
@JsonbPropertyOrder({"userId", "externalId", "balance"})
public record UserBalance(Object userId, String externalId, long balance) {}

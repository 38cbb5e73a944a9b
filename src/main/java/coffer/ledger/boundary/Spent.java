package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a spend: whether it was a replay, and the available balance after it. */
@JsonbPropertyOrder({"success", "duplicated", "balance"})
public record Spent(boolean success, boolean duplicated, long balance) {}

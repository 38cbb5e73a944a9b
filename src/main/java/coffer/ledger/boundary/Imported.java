package coffer.ledger.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer to an import: how many users it named, how many it opened, and how many were there
 * already from an earlier run of it (opened + existing = users).
 */
@JsonbPropertyOrder({"users", "opened", "existing"})
public record Imported(int users, int opened, int existing) {}

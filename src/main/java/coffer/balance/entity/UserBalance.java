package coffer.balance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What every balance operation answers: whose balance and how much it is now. */
@JsonbPropertyOrder({"userId", "balance"})
public record UserBalance(long userId, long balance) {}

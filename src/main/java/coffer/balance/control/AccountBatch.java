package coffer.balance.control;

import coffer.ledger.entity.UserRef;
import java.util.List;

/** Changes of one account, in the order they arrived, to be applied in that order. */
public record AccountBatch(UserRef user, List<BalanceChange> changes) {}

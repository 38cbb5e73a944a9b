package coffer.balance.control;

import coffer.idempotency.entity.IdempotencyKey;
import coffer.ledger.control.Books;
import coffer.ledger.entity.EntryKind;
import java.util.Optional;

/** A credit (positive amount) or debit (negative) of a balance asked for, with its key. */
public record BalanceChange(long amount, Optional<IdempotencyKey> key) {

    public EntryKind kind() {
        return amount < 0 ? EntryKind.DEBIT : EntryKind.CREDIT;
    }

    /** What the request asks for, as its idempotency key remembers it. */
    public String fingerprint() {
        return "change:" + amount;
    }

    public Books.Change requested() {
        return new Books.Change(amount, kind(), IdempotencyKey.textOf(key));
    }
}

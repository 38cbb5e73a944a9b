-- The merch shop (coffer.merch): employees are users with a login, who send each other coins
-- and buy merch. Their coins are their users' balances, changed only through the books.

-- The ledger learns the merch shop's movements: a transfer is a TRANSFER_OUT entry of the
-- sender and a TRANSFER_IN entry of the recipient, a purchase a PURCHASE entry.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN
    ('OPENING', 'CREDIT', 'DEBIT', 'ACCRUAL', 'SPEND', 'EXPIRY',
     'TRANSFER_OUT', 'TRANSFER_IN', 'PURCHASE'));

-- One row per employee: the login of a user. The UNIQUE username is what makes two concurrent
-- first logins of one name register one employee (the loser's transaction rolls back).
CREATE TABLE employees (
    user_id       bigint      PRIMARY KEY REFERENCES users (id),
    username      text        NOT NULL UNIQUE,
    -- bcrypt, in its modular crypt format ($2b$<cost>$<salt><hash>): never shown, never logged.
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- What each employee bought, one row per item: GET /api/info reads it by the primary key.
CREATE TABLE inventory (
    user_id  bigint NOT NULL REFERENCES employees (user_id),
    item     text   NOT NULL,
    quantity bigint NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (user_id, item)
);

-- The running total of coins sent from one employee to another, kept in the transaction of
-- each transfer: GET /api/info's grouped history reads these rows instead of summing ledger
-- entries. The primary key serves "sent" (by sender), the index "received" (by recipient).
CREATE TABLE transfer_totals (
    from_user bigint NOT NULL REFERENCES employees (user_id),
    to_user   bigint NOT NULL REFERENCES employees (user_id),
    amount    bigint NOT NULL CHECK (amount > 0),
    PRIMARY KEY (from_user, to_user),
    CHECK (from_user <> to_user)
);
CREATE INDEX transfer_totals_received ON transfer_totals (to_user, from_user);

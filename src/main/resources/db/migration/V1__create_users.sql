-- Users and their balances. The balance is changed only by one conditional UPDATE
-- (see coffer.balance.entity.User); the CHECK is the database's own guarantee behind it.
-- fillfactor 80 leaves room on each page for the new row version every balance change writes,
-- so updates stay HOT (no index maintenance) on the hottest rows.
CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    balance    bigint      NOT NULL CHECK (balance >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 80);

-- The systems Coffer replaces shipped user 1 with 10000, and their reference test relies on it.
INSERT INTO users (balance) VALUES (10000);

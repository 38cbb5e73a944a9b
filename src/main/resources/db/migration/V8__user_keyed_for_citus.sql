-- Keys that a Citus cluster can distribute by user (coffer.migration.control.CitusLayout), and
-- that serve plain PostgreSQL as well: every key of a user's rows starts with the user's id.

-- A user's accruals and entries are keyed by user first: Citus requires the distribution column
-- in every primary key and in the foreign key between them. The primary key of ledger_entries
-- also serves GET /users/{id}/ledger (newest first, by a backward scan), which made
-- ledger_entries_user redundant: one index less to maintain on every entry appended.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_accrual_id_fkey;
ALTER TABLE accruals DROP CONSTRAINT accruals_pkey, ADD PRIMARY KEY (user_id, id);
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_pkey, ADD PRIMARY KEY (user_id, id);
DROP INDEX ledger_entries_user;
ALTER TABLE ledger_entries
    ADD FOREIGN KEY (user_id, accrual_id) REFERENCES accruals (user_id, id);

-- The external ids, one row each, keyed by the id itself: what keeps an external id unique
-- across the whole cluster (on Citus, users is distributed by its number, and a unique index
-- there would only be unique per shard). POST /users writes the row in the user's transaction,
-- before the user, and its ON CONFLICT is what makes a second user with the id a 409; requests
-- that name a user by UUID resolve it here by the primary key. No foreign key to users: on
-- Citus the two are distributed by different columns. users.external_id stays, written once
-- with the user, so that a user's answers read it with the balance.
CREATE TABLE external_ids (
    external_id uuid   PRIMARY KEY,
    user_id     bigint NOT NULL
);
INSERT INTO external_ids (external_id, user_id)
    SELECT external_id, id FROM users WHERE external_id IS NOT NULL;
DROP INDEX users_external_id;

-- An employee's row names its user without a foreign key: on Citus, employees is a reference
-- table (on every node, so that the merch history joins it with any user's transfer totals), and
-- a reference table cannot refer to a distributed one. Both rows are written in one transaction
-- (coffer.merch.boundary.Employees: the user, then the login), never deleted.
ALTER TABLE employees DROP CONSTRAINT employees_user_id_fkey;

-- The debit check no longer calls a function from the UPDATE (Citus refuses VOLATILE functions
-- in the WHERE of a modification): coffer.ledger.control.Books reads the expired points in their
-- own statement under the row's lock and passes them to the conditional UPDATE.
DROP FUNCTION coffer_expired_points(bigint);

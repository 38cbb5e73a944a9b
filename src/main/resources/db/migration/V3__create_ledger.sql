-- The books: every change of a balance appends an entry, in the same transaction as the change.
-- Invariant: a user's balance is the sum of the user's entries.

-- What is left of expiring accruals not yet written off, expired or not: lets a balance change
-- skip all lot work for users who have none (the common case and the hot path). Never more
-- than the balance once a transaction ends (coffer.ledger.control.Books keeps it so; the tests
-- check it): not a CHECK, because a debit lowers the balance one statement before the lots.
ALTER TABLE users ADD COLUMN lot_remaining bigint NOT NULL DEFAULT 0 CHECK (lot_remaining >= 0);

CREATE TABLE accruals (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id),
    amount      bigint      NOT NULL CHECK (amount > 0),
    -- NULL: never expires, and the amount simply joins the balance.
    expires_at  timestamptz,
    -- For an expiring accrual (a lot): what spends have not consumed yet. Zeroed when written off.
    remaining   bigint      NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
    created_at  timestamptz NOT NULL DEFAULT now(),
    written_off_at timestamptz,
    CHECK (expires_at IS NOT NULL OR remaining = 0)
);
-- Spends consume a user's live lots soonest-to-expire first; the available balance subtracts
-- the expired ones; GET /users/{id}/balance lists the next to expire.
CREATE INDEX accruals_open_lots ON accruals (user_id, expires_at) WHERE remaining > 0;
-- The expire job finds every lot past expiry that still has a remaining amount.
CREATE INDEX accruals_to_write_off ON accruals (expires_at) WHERE remaining > 0;

-- What a user's expired lots still hold: points no longer available, still on the balance
-- until the expire job writes them off. Called from the conditional UPDATE of a debit
-- (coffer.balance.entity.User) as a function, not as a JPQL subquery: EclipseLink turns an
-- UPDATE with a subquery into "WHERE EXISTS (SELECT ... FROM users t0 ...)", which checks the
-- balance on a second read of the row instead of the row being updated, and so loses
-- PostgreSQL's re-check of a waiting UPDATE against the committed balance (that overdrew
-- balances under concurrent debits). VOLATILE, so that re-check also reads the lots afresh.
CREATE FUNCTION coffer_expired_points(p_user_id bigint) RETURNS bigint
    LANGUAGE sql VOLATILE AS $$
        SELECT COALESCE(sum(remaining), 0)::bigint FROM accruals
        WHERE user_id = p_user_id AND remaining > 0 AND expires_at <= now() $$;

-- Entry ids come from a sequence handed out 50 at a time, so that appending an entry costs the
-- INSERT alone (an identity column would cost another round trip per entry to read it back).
CREATE SEQUENCE ledger_entries_id_seq INCREMENT BY 50;

CREATE TABLE ledger_entries (
    id              bigint      PRIMARY KEY DEFAULT nextval('ledger_entries_id_seq'),
    user_id         bigint      NOT NULL REFERENCES users (id),
    kind            text        NOT NULL CHECK (kind IN
                        ('OPENING', 'CREDIT', 'DEBIT', 'ACCRUAL', 'SPEND', 'EXPIRY')),
    amount          bigint      NOT NULL,
    balance_after   bigint      NOT NULL CHECK (balance_after >= 0),
    idempotency_key text,
    accrual_id      bigint      REFERENCES accruals (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE ledger_entries_id_seq OWNED BY ledger_entries.id;
-- GET /users/{id}/ledger: newest first.
CREATE INDEX ledger_entries_user ON ledger_entries (user_id, id DESC);
-- One entry per request key of a user; the expire job's keys (expire:<accrual id>) make
-- writing off a lot twice impossible, however often the job runs.
CREATE UNIQUE INDEX ledger_entries_key ON ledger_entries (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The balances that exist already were opened before there were books.
INSERT INTO ledger_entries (user_id, kind, amount, balance_after)
    SELECT id, 'OPENING', balance, balance FROM users ORDER BY id;

-- Requests sent with an idempotency key, and the answer each got, so a retry gets the same
-- answer instead of a second change. Scoped per user (0 for POST /users, which has none yet).
CREATE TABLE idempotent_requests (
    scope       bigint      NOT NULL,
    key         text        NOT NULL,
    fingerprint text        NOT NULL,
    status      int,
    body        text,
    location    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
-- The purge task deletes keys past their retention.
CREATE INDEX idempotent_requests_created ON idempotent_requests (created_at);

-- The expire-accruals job: one row, the current (or last) job and its attempts.
CREATE TABLE jobs (
    name            text        PRIMARY KEY,
    job_id          bigint      NOT NULL DEFAULT 0,
    state           text        NOT NULL CHECK (state IN
                        ('IDLE', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempt         int         NOT NULL DEFAULT 0,
    lots_expired    bigint      NOT NULL DEFAULT 0,
    amount_expired  bigint      NOT NULL DEFAULT 0,
    last_error      text,
    queued_at       timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    next_attempt_at timestamptz
);
INSERT INTO jobs (name, state) VALUES ('expire-accruals', 'IDLE');

CREATE TABLE job_attempts (
    name        text        NOT NULL REFERENCES jobs (name),
    job_id      bigint      NOT NULL,
    attempt     int         NOT NULL,
    instance_id text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    outcome     text        CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    error       text,
    PRIMARY KEY (name, job_id, attempt)
);

-- The cluster tasks that keep the books: the job's own schedule, and the key purge.
INSERT INTO tasks (id, name, function_name, interval_seconds) VALUES
    (101, 'ExpireAccruals', 'expire-accruals', 300),
    (102, 'PurgeIdempotencyKeys', 'purge-idempotency-keys', 3600);

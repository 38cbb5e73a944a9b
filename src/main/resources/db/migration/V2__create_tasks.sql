-- Recurring tasks, run on exactly one instance of the cluster at a time.
--
-- The tasks row is the lease: an instance owns a run when its conditional UPDATE of the row
-- (coffer.tasks.entity.Task) reports one row; the row also carries the schedule and the
-- outcome of the last run. Every time here comes from the database clock, so clock skew
-- between hosts cannot decide who runs what.

-- now() + a number of milliseconds: lets JPQL compute lease expiries and next runs with the
-- database clock (JPQL has no date arithmetic).
CREATE FUNCTION coffer_now_plus(millis bigint) RETURNS timestamptz
    LANGUAGE sql STABLE AS $$ SELECT now() + millis * interval '1 millisecond' $$;

-- The next run after one that was due at `due`: one interval later, so a run claimed late does
-- not push the cadence back; but never in the past, so runs missed during an outage are not
-- replayed: the cadence restarts from now.
CREATE FUNCTION coffer_next_run(due timestamptz, interval_millis bigint) RETURNS timestamptz
    LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN due + interval_millis * interval '1 millisecond' > now()
                    THEN due + interval_millis * interval '1 millisecond'
                    ELSE now() + interval_millis * interval '1 millisecond' END $$;

CREATE TABLE tasks (
    id               int         PRIMARY KEY,
    name             text        NOT NULL UNIQUE,
    function_name    text        NOT NULL,
    interval_seconds bigint      NOT NULL CHECK (interval_seconds > 0),
    next_run_at      timestamptz NOT NULL DEFAULT now(),
    -- The lease: who runs it, since when, until when unless renewed, and which run it is.
    is_running       boolean     NOT NULL DEFAULT false,
    running_instance text,
    started_at       timestamptz,
    lease_expires_at timestamptz,
    current_run_id   bigint,
    -- The last finished run.
    last_status      text,
    last_instance    text,
    last_finished_at timestamptz,
    last_error       text,
    CHECK (is_running = (running_instance IS NOT NULL AND lease_expires_at IS NOT NULL))
);

INSERT INTO tasks (id, name, function_name, interval_seconds) VALUES
    (1, 'TestTask1', 'stepped-work', 300),
    (2, 'TestTask2', 'stepped-work', 3600),
    (3, 'TestTask3', 'stepped-work', 600),
    (4, 'TestTask4', 'stepped-work', 21600),
    (5, 'TestTask5', 'stepped-work', 900),
    (6, 'TestTask6', 'stepped-work', 1800),
    (7, 'TestTask7', 'stepped-work', 86400),
    (8, 'TestTask8', 'stepped-work', 1200),
    (9, 'TestTask9', 'stepped-work', 2700),
    (10, 'TestTask10', 'stepped-work', 1500);

CREATE TABLE task_history (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     int         NOT NULL REFERENCES tasks (id),
    instance_id text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status      text        NOT NULL CHECK (status IN
                    ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED', 'INTERRUPTED')),
    error       text,
    CHECK ((status = 'RUNNING') = (finished_at IS NULL))
);
-- GET /tasks/{name}/history: a task's runs, newest first.
CREATE INDEX task_history_task_started ON task_history (task_id, started_at DESC);
-- Fair shares: runs started per instance in the recent window.
CREATE INDEX task_history_started ON task_history (started_at);

-- The instances that run tasks, and when each last said it was alive.
CREATE TABLE instances (
    id             text        PRIMARY KEY,
    host           text        NOT NULL,
    http_port      int         NOT NULL,
    started_at     timestamptz NOT NULL DEFAULT now(),
    last_heartbeat timestamptz NOT NULL DEFAULT now(),
    stopped_at     timestamptz
);

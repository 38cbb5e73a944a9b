-- Operators pause and resume tasks, and runs report how far along they are.
--
-- A paused task is never claimed (coffer.tasks.entity.Task: DUE and CLAIM both require
-- paused_at IS NULL); a run in progress when it is paused finishes. Operator actions are
-- recorded in the task's history as instant entries: operator says who, instance_id which
-- instance took the action; they are not runs, and the fair share does not count them.

ALTER TABLE tasks
    ADD COLUMN paused_at timestamptz,
    ADD COLUMN paused_by text,
    ADD CHECK ((paused_at IS NULL) = (paused_by IS NULL));

ALTER TABLE task_history
    -- The progress of the run, reported with its last lease renewal: step k of n (n unknown
    -- for work that cannot tell in advance), and what the step did.
    ADD COLUMN progress_step  int,
    ADD COLUMN progress_steps int,
    ADD COLUMN progress_note  text,
    ADD COLUMN operator       text,
    DROP CONSTRAINT task_history_status_check,
    ADD CONSTRAINT task_history_status_check CHECK (status IN
        ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED', 'INTERRUPTED',
         'PAUSED', 'RESUMED', 'RUN_REQUESTED')),
    ADD CHECK ((operator IS NULL) = (status NOT IN ('PAUSED', 'RESUMED', 'RUN_REQUESTED')));

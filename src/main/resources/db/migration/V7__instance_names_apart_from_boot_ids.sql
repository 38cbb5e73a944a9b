-- An instance's id is unique to each boot (coffer.tasks.control.LocalInstance: its name and a
-- random suffix), so two processes started under one name cannot renew, release or free as
-- orphans each other's leases. The name it was given (tasks.instance-id, else Payara's --name)
-- is kept here for people: the API, the console and the logs show it.
ALTER TABLE instances ADD COLUMN name text;
UPDATE instances SET name = id;
ALTER TABLE instances ALTER COLUMN name SET NOT NULL;

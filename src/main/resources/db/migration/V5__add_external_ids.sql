-- The ids users had in the systems Coffer replaces, two of which name users by UUID: a user
-- may have one, chosen by the client when the user is opened (POST /users, POST /users/import),
-- and never changed. NULL: the user has only its number.
ALTER TABLE users ADD COLUMN external_id uuid;

-- Unique: at most one user per external id, which is what makes a second POST /users with the
-- same id a 409 (its INSERT ... ON CONFLICT inserts nothing). It also serves every request that
-- names a user by UUID: the id is resolved through this index in the request's transaction.
CREATE UNIQUE INDEX users_external_id ON users (external_id);

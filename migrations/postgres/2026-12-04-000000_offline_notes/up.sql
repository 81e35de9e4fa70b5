-- Notes and tasks written on a team desktop while the team server could not be reached (issue 13): the key the
-- desktop gave each when it was written, so that a replay (after a lost answer, say) saves it once. NULL for a
-- note saved online; several NULLs do not collide in a unique index.
ALTER TABLE notes ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX notes_by_client_key ON notes (client_key);

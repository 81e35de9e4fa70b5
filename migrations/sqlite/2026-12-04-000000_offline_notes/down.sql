DROP INDEX notes_by_client_key;
ALTER TABLE notes DROP COLUMN client_key;

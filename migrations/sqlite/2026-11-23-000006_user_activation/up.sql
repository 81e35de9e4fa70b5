-- Administrators deactivate and reactivate accounts (a deactivated user cannot sign in); accounts are never
-- deleted, so History keeps naming who did what.
ALTER TABLE users ADD COLUMN is_active BOOLEAN NOT NULL DEFAULT 1;

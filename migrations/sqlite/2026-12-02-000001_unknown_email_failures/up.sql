-- Failed sign-ins (and wrong security answers) for emails that have no account, counted like an account's own
-- failed_attempts and locked_until, so that five tries answer alike whether or not the account exists. Keyed by
-- the email as sign-in normalises it (trimmed, lower case).
CREATE TABLE unknown_email_failures (
    email TEXT PRIMARY KEY NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT
);

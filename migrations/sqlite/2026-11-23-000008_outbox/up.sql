-- The outbox (SPEC CO-2): every email is written here in the same transaction as its cause, then delivered
-- by the mail worker; failures are retried with backoff. And the organisation's outgoing mail settings.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    -- What caused it, for the Communication tab and History: a job seeker's, a user's, or neither.
    job_seeker_id INTEGER,
    user_id INTEGER,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_job_seeker ON outbox (job_seeker_id, created_at DESC);

CREATE TABLE mail_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    host TEXT NOT NULL DEFAULT '',
    port INTEGER NOT NULL DEFAULT 587,
    security TEXT NOT NULL DEFAULT 'starttls' CHECK (security IN ('starttls', 'tls', 'none')),
    username TEXT NOT NULL DEFAULT '',
    password TEXT NOT NULL DEFAULT '',
    sender TEXT NOT NULL DEFAULT ''
);
INSERT INTO mail_settings (id) VALUES (1);

-- The organisation (one row), its users, their sessions, preferences and password history, and the
-- append-only history log that every later feature writes to.

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    name TEXT NOT NULL,
    -- The organisation's password policy; the effective policy is the stricter, rule by rule, of this and
    -- the system defaults (SPEC AC-3). 0 means "no requirement of its own".
    min_password_length INTEGER NOT NULL DEFAULT 0,
    require_upper BOOLEAN NOT NULL DEFAULT 0,
    require_lower BOOLEAN NOT NULL DEFAULT 0,
    require_digit BOOLEAN NOT NULL DEFAULT 0,
    require_symbol BOOLEAN NOT NULL DEFAULT 0,
    password_expiry_days INTEGER NOT NULL DEFAULT 0,
    password_reuse_count INTEGER NOT NULL DEFAULT 0,
    lockout_attempts INTEGER NOT NULL DEFAULT 0,
    lockout_minutes INTEGER NOT NULL DEFAULT 0,
    idle_minutes INTEGER NOT NULL DEFAULT 20 CHECK (idle_minutes BETWEEN 15 AND 30),
    question_recovery BOOLEAN NOT NULL DEFAULT 1
);
INSERT INTO organisation (id, name) VALUES (1, 'My organisation');

CREATE TABLE users (
    id INTEGER PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    extension TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('Administrator', 'Recruiter')),
    password_hash TEXT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    must_change_password BOOLEAN NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE password_history (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX password_history_by_user ON password_history (user_id, created_at DESC);

CREATE TABLE user_preferences (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    time_zone TEXT NOT NULL DEFAULT 'Eastern'
        CHECK (time_zone IN ('Eastern', 'Central', 'Mountain', 'Arizona', 'Pacific', 'Alaska', 'Hawaii')),
    observe_daylight_saving BOOLEAN NOT NULL DEFAULT 1,
    records_per_page INTEGER NOT NULL DEFAULT 20 CHECK (records_per_page IN (10, 20, 50, 100, 250))
);

-- Only a SHA-256 digest of the session token is stored: a copy of the database does not hand out sessions.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY NOT NULL,
    token_digest TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

-- SPEC HI-1. No foreign key on job_seeker_id or requisition_id: the history of a deleted job seeker stays.
-- The actor's email is copied because it is what the History tab shows and it never changes.
CREATE TABLE history (
    id INTEGER PRIMARY KEY NOT NULL,
    at BIGINT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    actor_email TEXT NOT NULL,
    job_seeker_id INTEGER,
    requisition_id INTEGER,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX history_by_job_seeker ON history (job_seeker_id, id DESC);

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: entries cannot be changed');
END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: entries cannot be deleted');
END;

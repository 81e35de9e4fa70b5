-- Notices delivered (SPEC AC-8), one row per notice and user, so that the scheduler never delivers the
-- same notice twice, also across restarts and catch-up.
CREATE TABLE notices_sent (
    key TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sent_at BIGINT NOT NULL
);

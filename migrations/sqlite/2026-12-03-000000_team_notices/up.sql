-- Native notices as the notice scheduler delivered them, one row per notice and user, written in the same
-- transaction as its notices_sent row. A team's desktops read them through the server's watch (every server of
-- the team reads the same rows, so nothing lives only in one server's memory); the id is the watch's cursor.
-- opens_job_seeker_id and opens_tab say what a click opens, both or neither.
CREATE TABLE team_notices (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    opens_job_seeker_id INTEGER,
    opens_tab TEXT CHECK (opens_tab IN ('profile', 'notes', 'offers')),
    created_at BIGINT NOT NULL
);
CREATE INDEX team_notices_by_user ON team_notices (user_id, id);

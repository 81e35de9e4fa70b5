-- A draft note kept when the idle timeout signs its author out (SPEC AC-6), offered back at the next sign-in.
CREATE TABLE note_drafts (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_seeker_id INTEGER NOT NULL REFERENCES job_seekers (id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    note_id INTEGER,
    text TEXT NOT NULL,
    is_task BOOLEAN NOT NULL,
    due_date TEXT NOT NULL,
    kept_at BIGINT NOT NULL
);

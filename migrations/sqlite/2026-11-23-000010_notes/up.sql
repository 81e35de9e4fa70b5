-- Notes and tasks (SPEC NT-1 to NT-4). A note belongs to an application; a task is a note with a due date.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY NOT NULL,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    job_seeker_id INTEGER NOT NULL REFERENCES job_seekers (id) ON DELETE CASCADE,
    author_user_id INTEGER NOT NULL REFERENCES users (id),
    author_email TEXT NOT NULL,
    text TEXT NOT NULL,
    is_task BOOLEAN NOT NULL DEFAULT 0,
    due_date TEXT,
    completed_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX notes_by_job_seeker ON notes (job_seeker_id, created_at DESC);
CREATE INDEX open_tasks ON notes (is_task, completed_at, due_date);

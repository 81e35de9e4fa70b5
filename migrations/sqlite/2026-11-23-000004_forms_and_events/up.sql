-- Forms of an application (SPEC JS-5) and the events that notifications will deliver (SPEC AC-8).

CREATE TABLE application_forms (
    id INTEGER PRIMARY KEY NOT NULL,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    completed_at BIGINT,
    completed_by_email TEXT,
    UNIQUE (application_id, name)
);

-- Written in the same transaction as their cause; the notification preferences feature delivers them and
-- sets delivered_at. No foreign keys: an event outlives a deleted application.
CREATE TABLE notification_events (
    id INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('someone_applies', 'background_check_completed')),
    job_seeker_id INTEGER NOT NULL,
    requisition_id INTEGER NOT NULL,
    application_id INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX notification_events_undelivered ON notification_events (delivered_at, created_at);

-- The demo's and earlier applications get the standard forms, not completed.
INSERT INTO application_forms (application_id, name, position)
SELECT a.id, f.name, f.position
FROM applications a
CROSS JOIN (SELECT 'Application' AS name, 1 AS position
            UNION ALL SELECT 'Background Check', 2
            UNION ALL SELECT 'W-4 Tax Form', 3
            UNION ALL SELECT 'I-9 Employment Eligibility', 4) f;

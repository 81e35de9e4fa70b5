-- Requisitions, job seekers and their applications (SPEC JS-1, JS-2). The demo data fills them from the
-- start; the job seeker features build on them.

CREATE TABLE requisitions (
    id INTEGER PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    hiring_manager TEXT NOT NULL DEFAULT '',
    closing_date TEXT,
    is_open BOOLEAN NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

CREATE TABLE job_seekers (
    id INTEGER PRIMARY KEY NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    phone TEXT NOT NULL DEFAULT '',
    address_line1 TEXT NOT NULL DEFAULT '',
    address_line2 TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL
);
CREATE INDEX job_seekers_by_name ON job_seekers (last_name, first_name, id);
CREATE INDEX job_seekers_by_email ON job_seekers (email);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY NOT NULL,
    job_seeker_id INTEGER NOT NULL REFERENCES job_seekers (id) ON DELETE CASCADE,
    requisition_id INTEGER NOT NULL REFERENCES requisitions (id),
    stage TEXT NOT NULL DEFAULT 'New'
        CHECK (stage IN ('New', 'Screening', 'Interview', 'Offer', 'Hired', 'Not Hired')),
    disposition TEXT,
    recruiter_user_id INTEGER REFERENCES users (id),
    applied_at BIGINT NOT NULL,
    UNIQUE (job_seeker_id, requisition_id)
);
CREATE INDEX applications_by_requisition ON applications (requisition_id, stage);
CREATE INDEX applications_by_stage ON applications (stage);

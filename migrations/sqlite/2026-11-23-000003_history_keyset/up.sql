-- The History tab pages newest first by (at, id) within one job seeker: one index serves every page.
DROP INDEX history_by_job_seeker;
CREATE INDEX history_by_job_seeker ON history (job_seeker_id, at DESC, id DESC);
CREATE INDEX job_seekers_by_activity ON job_seekers (last_activity_at DESC, id DESC);

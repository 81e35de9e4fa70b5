DROP INDEX job_seekers_by_activity;
DROP INDEX history_by_job_seeker;
CREATE INDEX history_by_job_seeker ON history (job_seeker_id, id DESC);

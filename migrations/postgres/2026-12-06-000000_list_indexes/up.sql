-- The job seeker list at 100,000 job seekers (issue 16): its name order is lower(last name), lower(first
-- name), id (the list's ORDER BY, the same on both backends), so an index in exactly that order lets a page,
-- and Previous/Next, read the first rows in order and stop instead of sorting everyone; the index on the
-- names as typed served no query. Each row shows the job seeker's latest application: an index in that
-- order finds it without sorting their applications, and answers "has any application" from the index alone.
DROP INDEX job_seekers_by_name;
CREATE INDEX job_seekers_by_name ON job_seekers (lower(last_name), lower(first_name), id);
CREATE INDEX applications_latest ON applications (job_seeker_id, applied_at DESC, id DESC);

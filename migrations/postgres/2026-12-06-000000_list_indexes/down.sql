DROP INDEX applications_latest;
DROP INDEX job_seekers_by_name;
CREATE INDEX job_seekers_by_name ON job_seekers (last_name, first_name, id);

DROP TRIGGER job_seekers_search_text ON job_seekers;
DROP FUNCTION job_seekers_search_text();
ALTER TABLE job_seekers DROP COLUMN search_text;

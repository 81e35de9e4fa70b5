DROP TRIGGER job_seekers_search_text_update;
DROP TRIGGER job_seekers_search_text_insert;
ALTER TABLE job_seekers DROP COLUMN search_text;

-- The job seeker list's search at 100,000 job seekers (issue 16): the names and email as the search reads
-- them, kept in one column (see the SQLite migration of the same name). Set before every insert and update,
-- whatever the statement wrote into it; chr(31), the unit separator, joins the three, so a search never
-- matches across two of them.
ALTER TABLE job_seekers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

CREATE FUNCTION job_seekers_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := lower(NEW.first_name || ' ' || NEW.last_name || chr(31) || NEW.last_name || ', '
        || NEW.first_name || chr(31) || NEW.email);
    RETURN NEW;
END
$$;

CREATE TRIGGER job_seekers_search_text BEFORE INSERT OR UPDATE ON job_seekers
    FOR EACH ROW EXECUTE FUNCTION job_seekers_search_text();

UPDATE job_seekers SET search_text = '';

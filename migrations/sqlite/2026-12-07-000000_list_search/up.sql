-- The job seeker list's search at 100,000 job seekers (issue 16): the search finds its text anywhere in
-- "first last", "last, first" or the email, lower-cased. Working those out for every job seeker at every
-- search cost three concatenations and three lower() calls per row (about 50 ms for a search of 100,000);
-- kept here, written whenever a name or the email changes, one LIKE over one column reads them. The three
-- are joined by the unit separator (char 31), which no name, email or search can hold (they refuse control
-- characters), so a search never matches across two of them.
ALTER TABLE job_seekers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE job_seekers SET search_text = lower(
    first_name || ' ' || last_name || char(31) || last_name || ', ' || first_name || char(31) || email);

-- Also when search_text itself is written (a copy from a team's database, a hand-made UPDATE): it is always
-- what the names and email make it. The trigger's own UPDATE does not start it again (recursive triggers
-- are off).
CREATE TRIGGER job_seekers_search_text_insert AFTER INSERT ON job_seekers BEGIN
    UPDATE job_seekers SET search_text = lower(
        new.first_name || ' ' || new.last_name || char(31) || new.last_name || ', ' || new.first_name || char(31)
        || new.email)
    WHERE id = new.id;
END;
CREATE TRIGGER job_seekers_search_text_update AFTER UPDATE OF first_name, last_name, email, search_text
ON job_seekers BEGIN
    UPDATE job_seekers SET search_text = lower(
        new.first_name || ' ' || new.last_name || char(31) || new.last_name || ', ' || new.first_name || char(31)
        || new.email)
    WHERE id = new.id;
END;

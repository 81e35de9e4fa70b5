-- Full-text search (SPEC FS-1): a GIN index over a `to_tsvector` of each kind the search box finds, which
-- PostgreSQL keeps in the same transaction as every change. Words are folded like SQLite's FTS5 unicode61
-- tokenizer with remove_diacritics: lower case, accents removed (unaccent), every run of letters and digits a
-- word; the 'simple' configuration keeps each word as it is (no stemming, no stop words), so a prefix query
-- finds what it finds on SQLite. Only what belongs to a job seeker is indexed, as on SQLite, and History lines
-- of new notes and tasks are left out (the notes index has their words). The expressions
-- are repeated by `crates/core/src/search/sql.rs`, which must use them exactly for the planner to use these
-- indexes.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is STABLE (its dictionary could be changed); an index needs an IMMUTABLE expression, so the
-- dictionary is named and the function declared IMMUTABLE, the usual way to index unaccented text.
CREATE FUNCTION hiredesk_search_words(words text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, words)), '[^[:alnum:]]+', ' ', 'g')
$$;

-- The string values of a JSON document (History details, an offer's typed values), without its keys; nothing
-- for a text that is not JSON (as SQLite's triggers, which ask json_valid), so no row is refused for it. The
-- exception block is a subtransaction, which a parallel worker may not start: hence PARALLEL RESTRICTED.
CREATE FUNCTION hiredesk_json_words(document text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED AS $$
BEGIN
    RETURN (SELECT coalesce(string_agg(value #>> '{}', ' '), '')
            FROM jsonb_path_query(document::jsonb, 'strict $.** ? (@.type() == "string")') AS value);
EXCEPTION WHEN invalid_text_representation THEN
    RETURN '';
END
$$;

-- The query of the search box's words: each a prefix, all required. NULL when nothing is left of them.
CREATE FUNCTION hiredesk_search_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT to_tsquery('simple', regexp_replace(folded, ' ', ':* & ', 'g') || ':*')
    FROM (SELECT nullif(trim(hiredesk_search_words(words)), '') AS folded) AS query
$$;

CREATE INDEX job_seekers_search ON job_seekers USING gin (
    to_tsvector('simple', hiredesk_search_words(first_name || ' ' || last_name || ' ' || email || ' ' || phone
                                                || ' ' || city)));
CREATE INDEX notes_search ON notes USING gin (
    to_tsvector('simple', hiredesk_search_words(text || ' ' || author_email)));
CREATE INDEX history_search ON history USING gin (
    to_tsvector('simple', hiredesk_search_words(summary || ' ' || actor_email || ' ' || hiredesk_json_words(details))))
    WHERE job_seeker_id IS NOT NULL AND kind NOT IN ('note_added', 'task_added');
CREATE INDEX offers_search ON offers USING gin (
    to_tsvector('simple', hiredesk_search_words(replace(status, '_', ' ') || ' ' || hiredesk_json_words(tag_values))));
CREATE INDEX outbox_search ON outbox USING gin (
    to_tsvector('simple', hiredesk_search_words(subject || ' ' || text_body || ' ' || to_address)))
    WHERE job_seeker_id IS NOT NULL;

DROP INDEX outbox_search;
DROP INDEX offers_search;
DROP INDEX history_search;
DROP INDEX notes_search;
DROP INDEX job_seekers_search;
DROP FUNCTION hiredesk_search_query(text);
DROP FUNCTION hiredesk_json_words(text);
DROP FUNCTION hiredesk_search_words(text);

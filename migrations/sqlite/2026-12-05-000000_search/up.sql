-- Full-text search (SPEC FS-1): one FTS5 index per kind the search box finds, each an external-content table
-- (the text stays in its own table, the index holds only tokens) kept in step by triggers, so an index entry
-- is written in the same transaction as the change it reflects. Tokens fold case and accents
-- (unicode61 remove_diacritics 2); prefix indexes of 2 and 3 characters keep short prefixes fast; no word
-- positions are kept (detail = 'column': the box asks for no phrase), so the index is smaller and cheaper to
-- write. Only what belongs to a job seeker is indexed: account email (temporary passwords) and History
-- without a job seeker never enter an index. Of a JSON column only the values are indexed, not the keys: the
-- triggers extract them with json_tree, which FTS5 cannot call from a content view, so these indexes are
-- filled by the triggers and by this migration, never by FTS5's 'rebuild' (which would index the raw JSON).

CREATE VIRTUAL TABLE job_seekers_fts USING fts5(
    first_name, last_name, email, phone, city,
    content = 'job_seekers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = 'column');

CREATE TRIGGER job_seekers_fts_insert AFTER INSERT ON job_seekers BEGIN
    INSERT INTO job_seekers_fts (rowid, first_name, last_name, email, phone, city)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.city);
END;
CREATE TRIGGER job_seekers_fts_delete AFTER DELETE ON job_seekers BEGIN
    INSERT INTO job_seekers_fts (job_seekers_fts, rowid, first_name, last_name, email, phone, city)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.city);
END;
CREATE TRIGGER job_seekers_fts_update AFTER UPDATE OF first_name, last_name, email, phone, city ON job_seekers BEGIN
    INSERT INTO job_seekers_fts (job_seekers_fts, rowid, first_name, last_name, email, phone, city)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.city);
    INSERT INTO job_seekers_fts (rowid, first_name, last_name, email, phone, city)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.city);
END;

CREATE VIRTUAL TABLE notes_fts USING fts5(
    text, author_email,
    content = 'notes', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = 'column');

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, text, author_email) VALUES (new.id, new.text, new.author_email);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text, author_email) VALUES ('delete', old.id, old.text, old.author_email);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF text, author_email ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text, author_email) VALUES ('delete', old.id, old.text, old.author_email);
    INSERT INTO notes_fts (rowid, text, author_email) VALUES (new.id, new.text, new.author_email);
END;

-- History is append-only (its own triggers refuse UPDATE and DELETE), so only an insert is indexed. The line
-- a new note or task writes repeats the note's words, which the notes index holds: it is left out, so a search
-- does not show each note twice and a note save writes one index, not two.
CREATE VIRTUAL TABLE history_fts USING fts5(
    summary, actor_email, details,
    content = 'history', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = 'column');

CREATE TRIGGER history_fts_insert AFTER INSERT ON history
WHEN new.job_seeker_id IS NOT NULL AND new.kind NOT IN ('note_added', 'task_added') BEGIN
    INSERT INTO history_fts (rowid, summary, actor_email, details)
    VALUES (new.id, new.summary, new.actor_email,
            CASE WHEN json_valid(new.details)
                 THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(new.details) WHERE type = 'text'), '')
                 ELSE '' END);
END;

-- An offer is found by its template's name, its status and the values the recruiter typed.
CREATE VIEW offers_fts_content AS
SELECT o.id, t.name AS template, o.status, o.tag_values FROM offers o JOIN offer_templates t ON t.id = o.template_id;

CREATE VIRTUAL TABLE offers_fts USING fts5(
    template, status, tag_values,
    content = 'offers_fts_content', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = 'column');

CREATE TRIGGER offers_fts_insert AFTER INSERT ON offers BEGIN
    INSERT INTO offers_fts (rowid, template, status, tag_values)
    SELECT new.id, t.name, replace(new.status, '_', ' '),
           CASE WHEN json_valid(new.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(new.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offer_templates t WHERE t.id = new.template_id;
END;
CREATE TRIGGER offers_fts_update AFTER UPDATE OF template_id, status, tag_values ON offers BEGIN
    INSERT INTO offers_fts (offers_fts, rowid, template, status, tag_values)
    SELECT 'delete', old.id, t.name, replace(old.status, '_', ' '),
           CASE WHEN json_valid(old.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(old.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offer_templates t WHERE t.id = old.template_id;
    INSERT INTO offers_fts (rowid, template, status, tag_values)
    SELECT new.id, t.name, replace(new.status, '_', ' '),
           CASE WHEN json_valid(new.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(new.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offer_templates t WHERE t.id = new.template_id;
END;
CREATE TRIGGER offers_fts_delete AFTER DELETE ON offers BEGIN
    INSERT INTO offers_fts (offers_fts, rowid, template, status, tag_values)
    SELECT 'delete', old.id, t.name, replace(old.status, '_', ' '),
           CASE WHEN json_valid(old.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(old.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offer_templates t WHERE t.id = old.template_id;
END;
CREATE TRIGGER offer_templates_fts_rename AFTER UPDATE OF name ON offer_templates BEGIN
    INSERT INTO offers_fts (offers_fts, rowid, template, status, tag_values)
    SELECT 'delete', o.id, old.name, replace(o.status, '_', ' '),
           CASE WHEN json_valid(o.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(o.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offers o WHERE o.template_id = old.id;
    INSERT INTO offers_fts (rowid, template, status, tag_values)
    SELECT o.id, new.name, replace(o.status, '_', ' '),
           CASE WHEN json_valid(o.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(o.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offers o WHERE o.template_id = new.id;
END;

-- Email to job seekers only (the Communication tab); mail to users (temporary passwords) is never indexed.
CREATE VIRTUAL TABLE outbox_fts USING fts5(
    subject, text_body, to_address,
    content = 'outbox', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = 'column');

CREATE TRIGGER outbox_fts_insert AFTER INSERT ON outbox WHEN new.job_seeker_id IS NOT NULL BEGIN
    INSERT INTO outbox_fts (rowid, subject, text_body, to_address)
    VALUES (new.id, new.subject, new.text_body, new.to_address);
END;
CREATE TRIGGER outbox_fts_delete AFTER DELETE ON outbox WHEN old.job_seeker_id IS NOT NULL BEGIN
    INSERT INTO outbox_fts (outbox_fts, rowid, subject, text_body, to_address)
    VALUES ('delete', old.id, old.subject, old.text_body, old.to_address);
END;
CREATE TRIGGER outbox_fts_update AFTER UPDATE OF subject, text_body, to_address, job_seeker_id ON outbox BEGIN
    INSERT INTO outbox_fts (outbox_fts, rowid, subject, text_body, to_address)
    SELECT 'delete', old.id, old.subject, old.text_body, old.to_address WHERE old.job_seeker_id IS NOT NULL;
    INSERT INTO outbox_fts (rowid, subject, text_body, to_address)
    SELECT new.id, new.subject, new.text_body, new.to_address WHERE new.job_seeker_id IS NOT NULL;
END;

-- What was written before this migration.
INSERT INTO job_seekers_fts (job_seekers_fts) VALUES ('rebuild');
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
INSERT INTO history_fts (rowid, summary, actor_email, details)
SELECT id, summary, actor_email,
           CASE WHEN json_valid(details)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(details) WHERE type = 'text'), '')
                ELSE '' END FROM history WHERE job_seeker_id IS NOT NULL AND kind NOT IN ('note_added', 'task_added');
INSERT INTO offers_fts (rowid, template, status, tag_values)
SELECT o.id, t.name, replace(o.status, '_', ' '),
           CASE WHEN json_valid(o.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(o.tag_values) WHERE type = 'text'), '')
                ELSE '' END
FROM offers o JOIN offer_templates t ON t.id = o.template_id;
INSERT INTO outbox_fts (rowid, subject, text_body, to_address)
SELECT id, subject, text_body, to_address FROM outbox WHERE job_seeker_id IS NOT NULL;

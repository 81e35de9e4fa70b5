//! The SQL of each kind of hit, for both backends: SQLite's FTS5 indexes (`*_fts`, kept by triggers) and
//! PostgreSQL's GIN indexes over `to_tsvector` of the same columns (`migrations/postgres/…_search`). The
//! expressions below must stay exactly those of the PostgreSQL indexes, or the planner cannot use them
//! (`tests/search.rs` checks that each query uses its index).
//!
//! Every query binds the same nine parameters in the same order, switched off when NULL (SQLite numbers `$N`
//! by first appearance, so each text names `$1` … `$9` first in that order):
//! `$1` the words (NULL: no words; then the newest rows that pass the filters come first), `$2` a stage, `$3` a
//! requisition's title as a LIKE pattern, `$4` the author as a LIKE pattern, `$5` and `$6` the first and the
//! end instant (milliseconds), `$7` the task filter, `$8` today (`YYYY-MM-DD`, the user's), `$9` the limit. A
//! filter that does not apply to a kind (`by:` for a job seeker, `task:` for anything but a note) keeps none
//! of it.

use hiredesk_wire::SearchKind;

/// The indexed text of each PostgreSQL GIN index, as its migration writes it.
pub mod postgres {
    pub const JOB_SEEKERS: &str = "to_tsvector('simple', hiredesk_search_words(js.first_name || ' ' || \
                                   js.last_name || ' ' || js.email || ' ' || js.phone || ' ' || js.city))";
    pub const NOTES: &str = "to_tsvector('simple', hiredesk_search_words(n.text || ' ' || n.author_email))";
    pub const HISTORY: &str = "to_tsvector('simple', hiredesk_search_words(h.summary || ' ' || h.actor_email || ' ' \
                               || hiredesk_json_words(h.details)))";
    pub const OFFERS: &str = "to_tsvector('simple', hiredesk_search_words(replace(o.status, '_', ' ') || ' ' || \
                              hiredesk_json_words(o.tag_values)))";
    pub const OUTBOX: &str = "to_tsvector('simple', hiredesk_search_words(m.subject || ' ' || m.text_body || ' ' || \
                              m.to_address))";
    /// The template's name is in another table, so it joins the offer's vector unindexed (offers are few).
    pub const TEMPLATE: &str = "to_tsvector('simple', hiredesk_search_words(t.name))";
}

/// The job seeker filters: an application at the stage and for the requisition asked for.
const APPLICATION_FILTERS: &str = "
      AND (($2 IS NULL AND $3 IS NULL) OR EXISTS (
            SELECT 1 FROM applications fa JOIN requisitions fr ON fr.id = fa.requisition_id
            WHERE fa.job_seeker_id = js.id AND ($2 IS NULL OR fa.stage = $2)
              AND ($3 IS NULL OR lower(fr.title) LIKE $3 ESCAPE '\\')))";

/// `by:` for a row with an author's email column and user id column.
fn by_filter(email: &str, user_id: &str) -> String {
    format!(
        "
      AND ($4 IS NULL OR lower({email}) LIKE $4 ESCAPE '\\' OR EXISTS (
            SELECT 1 FROM users fu WHERE fu.id = {user_id}
              AND (lower(fu.first_name) LIKE $4 ESCAPE '\\' OR lower(fu.last_name) LIKE $4 ESCAPE '\\')))"
    )
}

/// `after:` and `before:` on an instant column.
fn time_filter(at: &str) -> String {
    format!(
        "
      AND ($5 IS NULL OR {at} >= $5) AND ($6 IS NULL OR {at} < $6)"
    )
}

/// `task:` for what is not a note: nothing passes it.
const NOT_A_TASK: &str = "
      AND ($7 IS NULL OR $8 IS NULL)";

/// `task:` for notes.
const TASK_FILTER: &str = "
      AND ($7 IS NULL OR (n.is_task AND CASE $7
            WHEN 'overdue' THEN n.completed_at IS NULL AND n.due_date < $8
            WHEN 'open' THEN n.completed_at IS NULL
            ELSE n.completed_at IS NOT NULL END))";

/// One kind's query: what it selects, from where, how it matches on each backend and what orders it.
struct Kind {
    /// `job_seeker_id, application_id, first_name, last_name, a, b, c, at`.
    select: &'static str,
    /// The rows, joined to their job seeker as `js`.
    from: &'static str,
    /// The row's id, which is its FTS5 rowid.
    id: &'static str,
    /// SQLite: the FTS5 table.
    fts: &'static str,
    /// PostgreSQL: the vector the words must match.
    vector: String,
    /// The row filters but the job seeker's.
    filters: String,
    /// Without words: newest first, by id where ids follow time (a walk of the table that stops at the limit,
    /// no sort of every row that passes the filters).
    newest: &'static str,
}

fn kind(kind: SearchKind) -> Kind {
    match kind {
        SearchKind::JobSeeker => Kind {
            select: "js.id AS job_seeker_id, CAST(NULL AS INTEGER) AS application_id, js.first_name, js.last_name,
                     js.email AS a, js.phone AS b, js.city AS c, CAST(NULL AS BIGINT) AS at",
            from: "job_seekers js",
            id: "js.id",
            fts: "job_seekers_fts",
            vector: postgres::JOB_SEEKERS.to_owned(),
            filters: format!("\n      AND $4 IS NULL{}{NOT_A_TASK}", time_filter("js.created_at")),
            newest: "js.last_activity_at DESC, js.id DESC",
        },
        SearchKind::Note => Kind {
            select: "js.id AS job_seeker_id, n.application_id, js.first_name, js.last_name, n.text AS a,
                     CASE WHEN n.is_task THEN n.due_date END AS b,
                     CASE WHEN n.completed_at IS NULL THEN NULL ELSE 'done' END AS c, n.created_at AS at",
            from: "notes n JOIN job_seekers js ON js.id = n.job_seeker_id",
            id: "n.id",
            fts: "notes_fts",
            vector: postgres::NOTES.to_owned(),
            filters: format!(
                "{}{}{TASK_FILTER}",
                by_filter("n.author_email", "n.author_user_id"),
                time_filter("n.created_at")
            ),
            newest: "n.id DESC",
        },
        SearchKind::History => Kind {
            select: "js.id AS job_seeker_id, CAST(NULL AS INTEGER) AS application_id, js.first_name, js.last_name,
                     h.summary AS a, h.details AS b, h.actor_email AS c, h.at AS at",
            // The History lines of new notes and tasks are not indexed (the notes are): the same rows without words.
            from: "history h JOIN job_seekers js ON js.id = h.job_seeker_id
                   AND h.kind NOT IN ('note_added', 'task_added')",
            id: "h.id",
            fts: "history_fts",
            vector: postgres::HISTORY.to_owned(),
            filters: format!("{}{}{NOT_A_TASK}", by_filter("h.actor_email", "h.actor_user_id"), time_filter("h.at")),
            newest: "h.id DESC",
        },
        SearchKind::Offer => Kind {
            select: "js.id AS job_seeker_id, o.application_id, js.first_name, js.last_name, t.name AS a,
                     o.status AS b, o.tag_values AS c, o.status_at AS at",
            from: "offers o JOIN job_seekers js ON js.id = o.job_seeker_id
                   JOIN offer_templates t ON t.id = o.template_id",
            id: "o.id",
            fts: "offers_fts",
            vector: format!("({} || {})", postgres::OFFERS, postgres::TEMPLATE),
            filters: format!(
                "{}{}{NOT_A_TASK}",
                by_filter("o.status_by", "o.created_by_user_id"),
                time_filter("o.status_at")
            ),
            newest: "o.status_at DESC, o.id DESC",
        },
        SearchKind::Email => Kind {
            select: "js.id AS job_seeker_id, CAST(NULL AS INTEGER) AS application_id, js.first_name, js.last_name,
                     m.subject AS a, m.text_body AS b, m.to_address AS c, m.created_at AS at",
            from: "outbox m JOIN job_seekers js ON js.id = m.job_seeker_id",
            id: "m.id",
            fts: "outbox_fts",
            vector: postgres::OUTBOX.to_owned(),
            filters: format!("\n      AND $4 IS NULL{}{NOT_A_TASK}", time_filter("m.created_at")),
            newest: "m.id DESC",
        },
    }
}

/// With words, the newest matches that pass the filters, at most this many, are ranked, and the best of
/// them answer: ranking every match of a common word (a million History entries say "Stage") would cost far
/// more than the box may take, and the newest matches are the ones a recruiter looks for.
pub const CANDIDATES: usize = 200;

/// The query of one kind. `words`: `$1` is bound (SQLite: an FTS5 MATCH expression; PostgreSQL: the words,
/// which `hiredesk_search_query` turns into a prefix query).
pub fn query(of: SearchKind, postgres: bool, words: bool) -> String {
    let Kind { select, from, id, fts, vector, filters, newest } = kind(of);
    let filtered = format!("{APPLICATION_FILTERS}{filters}");
    match (words, postgres) {
        (false, _) => format!(
            "SELECT {select}
    FROM {from}
    WHERE $1 IS NULL{filtered}
    ORDER BY {newest}
    LIMIT $9"
        ),
        // FTS5 walks its matches newest first and stops at the candidates' limit; bm25() ranks them.
        (true, false) => format!(
            "SELECT {select}
    FROM (SELECT {fts}.rowid AS hit, bm25({fts}) AS score
          FROM {fts}, {from}
          WHERE {fts} MATCH $1 AND {id} = {fts}.rowid{filtered}
          ORDER BY {fts}.rowid DESC
          LIMIT {CANDIDATES}) AS candidates, {from}
    WHERE {id} = candidates.hit
    ORDER BY candidates.score
    LIMIT $9"
        ),
        (true, true) => format!(
            "SELECT {select}
    FROM (SELECT {id} AS hit
          FROM {from}
          WHERE {vector} @@ hiredesk_search_query($1){filtered}
          ORDER BY {id} DESC
          LIMIT {CANDIDATES}) AS candidates, {from}
    WHERE {id} = candidates.hit
    ORDER BY ts_rank({vector}, hiredesk_search_query($1)) DESC
    LIMIT $9"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite numbers `$N` by first appearance: every text must name them first in order.
    #[test]
    fn every_query_names_its_parameters_first_in_order() {
        for of in SearchKind::ALL {
            for (postgres, words) in [(false, false), (false, true), (true, false), (true, true)] {
                let sql = query(of, postgres, words);
                let firsts: Vec<usize> =
                    (1..=9).map(|n| sql.find(&format!("${n}")).unwrap_or_else(|| panic!("${n} in {sql}"))).collect();
                assert!(firsts.windows(2).all(|pair| pair[0] < pair[1]), "{of:?} {postgres} {words}: {sql}");
            }
        }
    }
}

//! The one search box (SPEC FS-1): job seekers, notes and tasks, History, offers and the emails of the
//! Communication tab, found by words (prefixes, in any order, case and accents folded) and filters, ranked,
//! grouped by kind, the matched words marked as text.
//!
//! `query.rs` reads the box's text, `sql.rs` holds each kind's query on both backends (SQLite FTS5, PostgreSQL
//! full-text search; the indexes are the `…_search` migrations), `highlight.rs` marks the words. Everything a
//! signed-in user may open is searched, and nothing else: only rows about a job seeker are indexed, so mail to
//! users (temporary passwords) and History about accounts never appear.

mod highlight;
pub mod query;
pub mod sql;

use crate::command::{Context, Handle};
use crate::db::schema::{requisitions, users};
use crate::db::stored::Day;
use crate::db::{self, DbConn};
use crate::error::{CoreError, CoreResult};
use crate::time::{self, UserZone};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};
use hiredesk_wire::{
    OfferStatus, SearchAnswer, SearchCompletion, SearchGroup, SearchHit, SearchKind, SearchRequest, Segment,
};
use query::{Query, Refusal, TaskFilter, KEYS};

/// Hits per kind when the request does not say.
const PER_KIND: u16 = 5;
/// The most hits per kind a request may ask for.
const MOST_PER_KIND: u16 = 50;
/// Completions offered at once.
const COMPLETIONS: usize = 8;

/// A row of any kind: its job seeker, and three texts and an instant whose meaning the kind gives (`sql.rs`).
#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Integer)]
    job_seeker_id: i32,
    #[diesel(sql_type = Nullable<Integer>)]
    application_id: Option<i32>,
    #[diesel(sql_type = Text)]
    first_name: String,
    #[diesel(sql_type = Text)]
    last_name: String,
    #[diesel(sql_type = Text)]
    a: String,
    #[diesel(sql_type = Nullable<Text>)]
    b: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    c: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    at: Option<i64>,
}

/// Searches for `request.query` as the user of `zone` sees it at `now`.
pub fn search(
    conn: &mut DbConn,
    request: &SearchRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<SearchAnswer> {
    let completions = completions(conn, &request.query)?;
    let query = match query::parse(&request.query) {
        Ok(query) => query,
        // A filter still being typed (`stage:o`) is not refused while there is a completion for it.
        Err(_) if !completions.is_empty() => return Ok(SearchAnswer { groups: Vec::new(), completions }),
        Err(Refusal(message)) => return Err(CoreError::field("query", message)),
    };
    if query.is_empty() {
        return Ok(SearchAnswer { groups: Vec::new(), completions });
    }
    let per_kind = request.per_kind.unwrap_or(PER_KIND).clamp(1, MOST_PER_KIND);
    let terms = highlight::terms(&query.words);
    let mut groups = Vec::new();
    for kind in SearchKind::ALL {
        if !applies(kind, &query) {
            continue;
        }
        let mut rows = rows(conn, kind, &query, zone, now, i64::from(per_kind) + 1)?;
        let more = rows.len() > usize::from(per_kind);
        rows.truncate(usize::from(per_kind));
        if rows.is_empty() {
            continue;
        }
        let hits = rows.into_iter().map(|row| hit(kind, row, &terms, zone)).collect();
        groups.push(SearchGroup { kind, heading: kind.heading().to_owned(), hits, more });
    }
    Ok(SearchAnswer { groups, completions })
}

/// Whether a kind can pass the query's filters at all (`by:` names an author, `task:` keeps tasks only).
fn applies(kind: SearchKind, query: &Query) -> bool {
    match kind {
        SearchKind::Note => true,
        SearchKind::JobSeeker | SearchKind::Email => query.by.is_none() && query.task.is_none(),
        SearchKind::History | SearchKind::Offer => query.task.is_none(),
    }
}

/// The FTS5 MATCH expression of the words: each a quoted prefix, all required.
fn fts_match(words: &[String]) -> String {
    words.iter().map(|word| format!("\"{}\"*", word.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

/// A LIKE pattern for text that begins with `start` (`by:`), or contains it (`req:`), lower-cased, with
/// LIKE's wildcards escaped.
fn like(text: &str, anywhere: bool) -> String {
    let escaped: String = text
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            other => vec![other],
        })
        .collect();
    if anywhere {
        format!("%{escaped}%")
    } else {
        format!("{escaped}%")
    }
}

fn rows(
    conn: &mut DbConn,
    kind: SearchKind,
    query: &Query,
    zone: UserZone,
    now: DateTime<Utc>,
    limit: i64,
) -> CoreResult<Vec<Row>> {
    let postgres = db::is_postgres(conn);
    let words =
        (!query.words.is_empty()).then(|| if postgres { query.words.join(" ") } else { fts_match(&query.words) });
    let day_start = |date: NaiveDate| time::to_millis(time::start_of_day(date, zone));
    let today = Day::text(time::to_local(now, zone).wall.date());
    Ok(diesel::sql_query(sql::query(kind, postgres, words.is_some()))
        .bind::<Nullable<Text>, _>(words)
        .bind::<Nullable<Text>, _>(query.stage.map(db::stored::Stored))
        .bind::<Nullable<Text>, _>(query.requisition.as_deref().map(|title| like(title, true)))
        .bind::<Nullable<Text>, _>(query.by.as_deref().map(|by| like(by, false)))
        .bind::<Nullable<BigInt>, _>(query.after.map(day_start))
        .bind::<Nullable<BigInt>, _>(query.before.map(day_start))
        .bind::<Nullable<Text>, _>(query.task.map(TaskFilter::name))
        .bind::<Text, _>(today)
        .bind::<BigInt, _>(limit)
        .load(conn)?)
}

/// The string values of a JSON document (History details, an offer's typed values), in order.
fn json_values(document: &str) -> Vec<String> {
    fn collect(value: &serde_json::Value, into: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) if !text.trim().is_empty() => into.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, into)),
            serde_json::Value::Object(fields) => fields.values().for_each(|item| collect(item, into)),
            _ => {}
        }
    }
    let mut values = Vec::new();
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(document) {
        collect(&value, &mut values);
    }
    values
}

fn joined(parts: impl IntoIterator<Item = String>, between: &str) -> String {
    parts.into_iter().filter(|part| !part.trim().is_empty()).collect::<Vec<_>>().join(between)
}

fn hit(kind: SearchKind, row: Row, terms: &[String], zone: UserZone) -> SearchHit {
    let Row { job_seeker_id, application_id, first_name, last_name, a, b, c, at } = row;
    let detail: Vec<Segment> = match kind {
        SearchKind::JobSeeker => {
            highlight::segments(&joined([a, b.unwrap_or_default(), c.unwrap_or_default()], " · "), terms)
        }
        SearchKind::Note => {
            let task = b.map(|due| {
                let due = Day::decode(&due).map(Day::us).unwrap_or(due);
                match c {
                    Some(_) => format!("Done task, due {due}: "),
                    None => format!("Task due {due}: "),
                }
            });
            let mut shown = highlight::snippet(&a, terms);
            if let Some(task) = task {
                shown.insert(0, Segment { text: task, matched: false });
            }
            shown
        }
        SearchKind::History => {
            let values = json_values(&b.unwrap_or_default());
            highlight::snippet(&joined(std::iter::once(a).chain(values), " · "), terms)
        }
        SearchKind::Offer => {
            let status = b.as_deref().and_then(OfferStatus::parse).map(|status| status.label().to_owned());
            let values = json_values(&c.unwrap_or_default());
            highlight::snippet(&joined([a, status.unwrap_or_default()].into_iter().chain(values), " · "), terms)
        }
        SearchKind::Email => highlight::snippet(&joined([a, b.unwrap_or_default()], " \u{2014} "), terms),
    };
    SearchHit {
        kind,
        job_seeker_id,
        application_id,
        title: highlight::segments(&format!("{first_name} {last_name}"), terms),
        detail,
        when: at.map(|at| time::render(time::from_millis(at), zone)),
    }
}

/// Completions of the query's last word, when it is being typed (no space after it): a filter key, or a value
/// for the key it names.
fn completions(conn: &mut DbConn, text: &str) -> CoreResult<Vec<SearchCompletion>> {
    if text.is_empty()
        || text.ends_with(char::is_whitespace)
        || text.chars().count() > hiredesk_wire::SEARCH_QUERY_LIMIT
    {
        return Ok(Vec::new());
    }
    let last = query::tokens(text).pop().unwrap_or_default();
    let before = &text[..text.len() - last.len()];
    let offer = |label: String, hint: &str| SearchCompletion {
        query: format!("{before}{label}"),
        label,
        hint: hint.to_owned(),
    };
    let Some((key, value)) = last.split_once(':') else {
        let typed = last.to_lowercase();
        return Ok(KEYS
            .iter()
            .filter(|(key, _)| key.starts_with(&typed) && key.len() > typed.len())
            .map(|(key, hint)| offer((*key).to_owned(), hint))
            .collect());
    };
    let value = value.trim_start_matches('"').to_lowercase();
    let completions = match key.to_ascii_lowercase().as_str() {
        "stage" => hiredesk_wire::Stage::ALL
            .into_iter()
            .map(query::stage_slug)
            .filter(|slug| slug.starts_with(&value))
            .map(|slug| offer(format!("stage:{slug}"), "applications at this stage"))
            .collect(),
        "task" => TaskFilter::ALL
            .into_iter()
            .filter(|(_, name)| name.starts_with(&value))
            .map(|(_, name)| offer(format!("task:{name}"), "tasks only"))
            .collect(),
        "req" => requisitions::table
            .filter(db::lower(requisitions::title).like(like(&value, true)).escape('\\'))
            .order((requisitions::is_open.desc(), requisitions::title))
            .select(requisitions::title)
            .limit(COMPLETIONS as i64)
            .load::<String>(conn)?
            .into_iter()
            .map(|title| offer(format!("req:\"{title}\""), "applications for this requisition"))
            .collect(),
        "by" => {
            let start = like(&value, false);
            users::table
                .filter(
                    db::lower(users::email)
                        .like(start.clone())
                        .escape('\\')
                        .or(db::lower(users::first_name).like(start.clone()).escape('\\'))
                        .or(db::lower(users::last_name).like(start).escape('\\')),
                )
                .order(users::email)
                .select((users::email, users::first_name, users::last_name))
                .limit(COMPLETIONS as i64)
                .load::<(String, String, String)>(conn)?
                .into_iter()
                .map(|(email, first, last)| offer(format!("by:{email}"), &format!("written by {first} {last}")))
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(completions)
}

/// The SQL that empties SQLite's full-text indexes and fills them again from their tables, as the search
/// migration first filled them (FTS5's own 'rebuild' would index JSON columns raw; see that migration).
const SQLITE_REBUILD: &str = "
    INSERT INTO job_seekers_fts (job_seekers_fts) VALUES ('delete-all');
    INSERT INTO notes_fts (notes_fts) VALUES ('delete-all');
    INSERT INTO history_fts (history_fts) VALUES ('delete-all');
    INSERT INTO offers_fts (offers_fts) VALUES ('delete-all');
    INSERT INTO outbox_fts (outbox_fts) VALUES ('delete-all');
    INSERT INTO job_seekers_fts (job_seekers_fts) VALUES ('rebuild');
    INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
    INSERT INTO history_fts (rowid, summary, actor_email, details)
    SELECT id, summary, actor_email,
           CASE WHEN json_valid(details)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(details) WHERE type = 'text'), '')
                ELSE '' END
    FROM history WHERE job_seeker_id IS NOT NULL AND kind NOT IN ('note_added', 'task_added');
    INSERT INTO offers_fts (rowid, template, status, tag_values)
    SELECT o.id, t.name, replace(o.status, '_', ' '),
           CASE WHEN json_valid(o.tag_values)
                THEN coalesce((SELECT group_concat(value, ' ') FROM json_tree(o.tag_values) WHERE type = 'text'), '')
                ELSE '' END
    FROM offers o JOIN offer_templates t ON t.id = o.template_id;
    INSERT INTO outbox_fts (rowid, subject, text_body, to_address)
    SELECT id, subject, text_body, to_address FROM outbox WHERE job_seeker_id IS NOT NULL;
    INSERT INTO job_seekers_fts (job_seekers_fts) VALUES ('optimize');
    INSERT INTO notes_fts (notes_fts) VALUES ('optimize');
    INSERT INTO history_fts (history_fts) VALUES ('optimize');";

/// Builds every search index again from the rows, in one transaction: after a restore from a copy that lost
/// them, and for the search benchmark's "from scratch" figure. On PostgreSQL the GIN indexes are rebuilt.
pub fn rebuild_indexes(conn: &mut DbConn) -> CoreResult<()> {
    use diesel::connection::SimpleConnection;
    let sql = if db::is_postgres(conn) {
        "REINDEX INDEX job_seekers_search; REINDEX INDEX notes_search; REINDEX INDEX history_search;
         REINDEX INDEX offers_search; REINDEX INDEX outbox_search;"
    } else {
        SQLITE_REBUILD
    };
    db::write(conn, |conn| conn.batch_execute(sql).map_err(CoreError::from))
}

/// How many bytes the search indexes take (SQLite: the FTS5 tables' pages; PostgreSQL: the GIN indexes).
pub fn index_size(conn: &mut DbConn) -> CoreResult<i64> {
    #[derive(QueryableByName)]
    struct Size {
        #[diesel(sql_type = BigInt)]
        bytes: i64,
    }
    let sql = if db::is_postgres(conn) {
        "SELECT CAST(coalesce(sum(pg_relation_size(indexrelid)), 0) AS BIGINT) AS bytes FROM pg_index
         JOIN pg_class ON pg_class.oid = indexrelid WHERE relname LIKE '%\\_search' ESCAPE '\\'"
    } else {
        "SELECT CAST(coalesce(sum(pgsize), 0) AS BIGINT) AS bytes FROM dbstat WHERE name GLOB '*_fts_*'"
    };
    Ok(diesel::sql_query(sql).get_result::<Size>(conn)?.bytes)
}

// The command behind the search box.

impl Handle for SearchRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<SearchAnswer> {
        search(cx.conn, self, cx.zone, cx.now)
    }
}

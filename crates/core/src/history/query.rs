//! Reading a job seeker's History: newest first, filtered by kind and requisition, one page at a time by
//! keyset on (at, id) — never OFFSET, so page 500 costs what page 1 does.

use super::HistoryKind;
use crate::command::{Context, Handle};
use crate::db::DbConn;
use crate::error::{CoreResult, UnknownValue};
use crate::time::{self, UserZone};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};
use hiredesk_wire::{FieldChange, HistoryCursor, HistoryEntryView, HistoryKindOption, HistoryPage, HistoryPageRequest};
use std::borrow::Cow;

/// One page of a job seeker's History, newest first: unused filters are bound as NULL and switch themselves
/// off; the cursor's sentinel starts at the newest. Bound: job seeker, kind, requisition, after (at, id), limit.
const PAGE_SQL: &str =
    "SELECT CAST(h.id AS BIGINT) AS id, h.at, h.actor_email, h.kind, r.title AS requisition, h.summary, h.details
     FROM history h LEFT JOIN requisitions r ON r.id = h.requisition_id
     WHERE h.job_seeker_id = $1
       AND ($2 IS NULL OR h.kind = $2)
       AND ($3 IS NULL OR h.requisition_id = $3)
       AND (h.at, h.id) < ($4, $5)
     ORDER BY h.at DESC, h.id DESC
     LIMIT $6";

/// One stored History entry, as exports read it (and, unrendered, the export benchmark's baseline).
#[derive(Debug, QueryableByName)]
pub struct Row {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = BigInt)]
    pub at: i64,
    #[diesel(sql_type = Text)]
    pub actor_email: String,
    #[diesel(sql_type = Text)]
    pub kind: HistoryKind,
    #[diesel(sql_type = Nullable<Text>)]
    pub requisition: Option<String>,
    #[diesel(sql_type = Text)]
    pub summary: String,
    #[diesel(sql_type = Text)]
    pub details: String,
}

/// Entries older than `after` (or the newest), at most `per_page`, with the cursor of the next page.
pub fn page(conn: &mut DbConn, request: &HistoryPageRequest, per_page: u16, zone: UserZone) -> CoreResult<HistoryPage> {
    let (after_at, after_id) = request.after.map_or((i64::MAX, i64::MAX), |cursor| (cursor.at, cursor.id));
    let rows: Vec<Row> = diesel::sql_query(PAGE_SQL)
        .bind::<Integer, _>(request.job_seeker_id)
        .bind::<Nullable<Text>, _>(request.kind.as_deref())
        .bind::<Nullable<Integer>, _>(request.requisition_id)
        .bind::<BigInt, _>(after_at)
        .bind::<BigInt, _>(after_id)
        .bind::<BigInt, _>(i64::from(per_page) + 1)
        .load(conn)?;

    let has_more = rows.len() > usize::from(per_page);
    let entries: Vec<Viewed> =
        rows.into_iter().take(usize::from(per_page)).map(|row| view(row, zone)).collect::<CoreResult<_>>()?;
    let next =
        if has_more { entries.last().map(|last| HistoryCursor { at: last.at_millis, id: last.view.id }) } else { None };
    Ok(HistoryPage {
        next,
        entries: entries.into_iter().map(|entry| entry.view).collect(),
        kinds: HistoryKind::JOB_SEEKER_KINDS
            .iter()
            .map(|kind| HistoryKindOption { kind: kind.as_str().to_owned(), label: kind.label().to_owned() })
            .collect(),
    })
}

struct Viewed {
    view: HistoryEntryView,
    at_millis: i64,
}

/// The part of an entry's stored details the History tab reads: the changed values, when there are any. Other
/// keys (what was deleted, an offer's id) are kept for the record and not read back.
#[derive(serde::Deserialize)]
struct Details {
    #[serde(default)]
    changes: Vec<FieldChange>,
}

/// What an entry's details hold that this version cannot read: not JSON, or changes of another shape.
fn unreadable_details(details: &str, error: serde_json::Error) -> UnknownValue {
    UnknownValue::because("History details", details, error)
}

fn view(row: Row, zone: UserZone) -> CoreResult<Viewed> {
    let details: Details =
        serde_json::from_str(&row.details).map_err(|error| unreadable_details(&row.details, error))?;
    Ok(Viewed {
        at_millis: row.at,
        view: HistoryEntryView {
            id: row.id,
            at: time::render(time::from_millis(row.at), zone),
            user: row.actor_email,
            kind: row.kind.as_str().to_owned(),
            kind_label: row.kind.label().to_owned(),
            requisition: row.requisition,
            summary: row.summary,
            changes: details.changes,
        },
    })
}

/// One History page as the database returns it, before any rendering: the benchmark's baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    pub ids: Vec<i64>,
    pub next: Option<HistoryCursor>,
    /// The text the page carries, in bytes: a use for every column, so none of the work is skipped.
    pub bytes: usize,
}

/// The same SQL, binds and LIMIT as [`page`] with no filter, the rows loaded and nothing rendered (no time
/// zones, no JSON, no labels). It lives beside [`page`] so the two cannot drift apart.
pub fn raw_page(
    conn: &mut DbConn,
    job_seeker_id: i32,
    after: Option<HistoryCursor>,
    per_page: u16,
) -> CoreResult<RawPage> {
    let (after_at, after_id) = after.map_or((i64::MAX, i64::MAX), |cursor| (cursor.at, cursor.id));
    let rows: Vec<Row> = diesel::sql_query(PAGE_SQL)
        .bind::<Integer, _>(job_seeker_id)
        .bind::<Nullable<Text>, _>(None::<&str>)
        .bind::<Nullable<Integer>, _>(None::<i32>)
        .bind::<BigInt, _>(after_at)
        .bind::<BigInt, _>(after_id)
        .bind::<BigInt, _>(i64::from(per_page) + 1)
        .load(conn)?;
    let per_page = usize::from(per_page);
    let next = (rows.len() > per_page)
        .then(|| rows.get(per_page - 1).map(|row| HistoryCursor { at: row.at, id: row.id }))
        .flatten();
    let page = &rows[..rows.len().min(per_page)];
    Ok(RawPage {
        ids: page.iter().map(|row| row.id).collect(),
        next,
        bytes: page
            .iter()
            .map(|row| {
                row.actor_email.len()
                    + row.kind.as_str().len()
                    + row.requisition.as_ref().map_or(0, String::len)
                    + row.summary.len()
                    + row.details.len()
            })
            .sum(),
    })
}

#[derive(QueryableByName)]
struct PlanLine {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[cfg(feature = "postgres")]
#[derive(QueryableByName)]
struct PostgresPlanLine {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    detail: String,
}

/// The database's plan for the History page query, to show which index serves it.
pub fn page_plan(conn: &mut DbConn) -> CoreResult<Vec<String>> {
    Ok(match conn {
        DbConn::Sqlite(c) => {
            let lines: Vec<PlanLine> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {PAGE_SQL}")).load(c)?;
            lines.into_iter().map(|line| line.detail).collect()
        }
        #[cfg(feature = "postgres")]
        DbConn::Postgres(c) => {
            // PostgreSQL plans a statement with its parameters' types, as Diesel binds them: a prepared
            // statement, explained with the generic plan every page gets.
            let sql = format!(
                "PREPARE history_page (integer, text, integer, bigint, bigint, bigint) AS {PAGE_SQL};
                 SET plan_cache_mode = force_generic_plan"
            );
            diesel::connection::SimpleConnection::batch_execute(c, &sql)?;
            let newest = i64::MAX;
            let lines: Vec<PostgresPlanLine> =
                diesel::sql_query(format!("EXPLAIN EXECUTE history_page (1, NULL, NULL, {newest}, {newest}, 20)"))
                    .load(c)?;
            diesel::connection::SimpleConnection::batch_execute(c, "DEALLOCATE history_page; RESET plan_cache_mode")?;
            lines.into_iter().map(|line| line.detail).collect()
        }
    })
}

/// The entries of a job seeker's History under the same filters as [`page`], older than `after`, at most
/// `limit`: exports read the whole History in such batches, so memory stays bounded.
pub fn rows(
    conn: &mut DbConn,
    request: &HistoryPageRequest,
    after: Option<HistoryCursor>,
    limit: u32,
) -> CoreResult<Vec<Row>> {
    let (after_at, after_id) = after.map_or((i64::MAX, i64::MAX), |cursor| (cursor.at, cursor.id));
    Ok(diesel::sql_query(PAGE_SQL)
        .bind::<Integer, _>(request.job_seeker_id)
        .bind::<Nullable<Text>, _>(request.kind.as_deref())
        .bind::<Nullable<Integer>, _>(request.requisition_id)
        .bind::<BigInt, _>(after_at)
        .bind::<BigInt, _>(after_id)
        .bind::<BigInt, _>(i64::from(limit))
        .load(conn)?)
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    entries: i64,
}

/// How many entries [`rows`] will return in all for `request`'s filters (an export's progress bar needs the
/// end). The same filters as [`PAGE_SQL`], served by the same index.
pub fn count(conn: &mut DbConn, request: &HistoryPageRequest) -> CoreResult<u64> {
    let count: Count = diesel::sql_query(
        "SELECT COUNT(*) AS entries FROM history h
         WHERE h.job_seeker_id = $1 AND ($2 IS NULL OR h.kind = $2) AND ($3 IS NULL OR h.requisition_id = $3)",
    )
    .bind::<Integer, _>(request.job_seeker_id)
    .bind::<Nullable<Text>, _>(request.kind.as_deref())
    .bind::<Nullable<Integer>, _>(request.requisition_id)
    .get_result(conn)?;
    Ok(u64::try_from(count.entries).unwrap_or(0))
}

/// The `changes` of an entry's stored details, borrowed from the JSON where it has no escapes.
#[derive(serde::Deserialize)]
struct StoredChanges<'a> {
    #[serde(borrow, default)]
    changes: Vec<StoredChange<'a>>,
}

#[derive(serde::Deserialize)]
struct StoredChange<'a> {
    #[serde(borrow)]
    field: Cow<'a, str>,
    #[serde(borrow)]
    old: Cow<'a, str>,
    #[serde(borrow)]
    new: Cow<'a, str>,
}

/// Writes the old → new values of an entry into `text` (emptied first), one line each; details this version
/// cannot read are an error, as on the History tab. Exports call this once per row with the same buffer:
/// parsing straight into borrowed fields and reusing the buffer keep a million-row export free of per-row
/// allocations (measured by `cargo xtask bench export`).
pub(crate) fn write_changes(details: &str, text: &mut String) -> CoreResult<()> {
    use std::fmt::Write as _;
    text.clear();
    let stored: StoredChanges<'_> =
        serde_json::from_str(details).map_err(|error| unreadable_details(details, error))?;
    for (index, change) in stored.changes.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        let _ = write!(text, "{}: {} → {}", change.field, change.old, change.new);
    }
    Ok(())
}

// The command of the History tab: one page of the user's Records per Page.

impl Handle for HistoryPageRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<HistoryPage> {
        page(cx.conn, self, cx.records_per_page, cx.zone)
    }
}

#[cfg(test)]
mod tests {
    use super::write_changes;
    use hiredesk_wire::FieldChange;

    #[test]
    fn changes_are_one_line_each_and_other_details_none() {
        let changes = [
            FieldChange { field: "Email".into(), old: "a@x.example".into(), new: "b@x.example".into() },
            FieldChange { field: "Notes".into(), old: "said \"no\"\nthen".into(), new: "Zoë".into() },
        ];
        let mut text = String::from("left over");
        write_changes(&crate::history::changes_details(&changes).to_string(), &mut text).expect("readable");
        assert_eq!(text, "Email: a@x.example → b@x.example\nNotes: said \"no\"\nthen → Zoë");
        // Details without changes write nothing; details this version cannot read write nothing and say so.
        for (details, readable) in
            [(r#"{"stage":"New"}"#, true), ("{}", true), ("not json", false), (r#"{"changes":"odd"}"#, false)]
        {
            let written = write_changes(details, &mut text);
            assert_eq!(text, "", "{details}");
            assert_eq!(written.is_ok(), readable, "{details}");
        }
    }
}

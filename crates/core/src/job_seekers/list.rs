//! The job seeker list: search, filters, two sort orders, pages of the user's size, and the previous/next
//! job seeker around one of them in the same order.
//!
//! One filter serves the list, the count and the neighbours: each row is a job seeker with the one
//! application the filter matched (their latest when no stage or requisition is chosen). Unused filters are
//! bound as NULL and switch themselves off. The name order has an index of its own, so a page and
//! Previous/Next read rows in order and stop; a search (a LIKE anywhere in the names and email) reads every
//! job seeker, so the neighbours of a searched list are found in one pass ([`neighbours_in_search`]).

use crate::command::{Context, Handle};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::time::{self, UserZone};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};
use hiredesk_wire::{
    JobSeekerFilter, JobSeekerListRequest, JobSeekerPage, JobSeekerRow, JobSeekerSort, Neighbours, NeighboursRequest,
    Stage,
};

/// The applications the filter's stage ($1) and requisition ($2) allow, of the job seeker `js`.
macro_rules! allowed_applications {
    () => {
        "SELECT a2.id FROM applications a2
        WHERE a2.job_seeker_id = js.id
          AND ($1 IS NULL OR a2.stage = $1)
          AND ($2 IS NULL OR a2.requisition_id = $2)"
    };
}

/// The search ($3, a LIKE pattern) over the job seeker `js`'s names and email: `search_text` holds "first last",
/// "last, first" and the email, lower-cased, joined by a character no search holds (see the migration
/// `2026-12-07-000000_list_search`).
macro_rules! searched {
    () => {
        "($3 IS NULL OR js.search_text LIKE $3 ESCAPE '\\')"
    };
}

/// The rows of the list: each job seeker the filter matches with their latest allowed application.
const MATCHING: &str = concat!(
    "FROM job_seekers js JOIN applications a ON a.id = (",
    allowed_applications!(),
    " ORDER BY a2.applied_at DESC, a2.id DESC LIMIT 1) JOIN requisitions r ON r.id = a.requisition_id WHERE ",
    searched!()
);

/// The same job seekers, for what needs only them (counts, Previous/Next): a job seeker has a latest allowed
/// application exactly when they have an allowed one, and its requisition always exists (a foreign key), so
/// asking whether one exists answers from the `applications_latest` index without finding the latest.
const COUNTED: &str = concat!("FROM job_seekers js WHERE EXISTS (", allowed_applications!(), ") AND ", searched!());

/// How a sort orders: its ORDER BY, the columns of its key (compared as a row value for Previous/Next), and
/// the comparison that means "comes after" in that order.
fn order(sort: JobSeekerSort) -> (&'static str, &'static str, &'static str) {
    match sort {
        // lower() rather than SQLite's NOCASE collation, which PostgreSQL has not: both fold ASCII letters only.
        JobSeekerSort::Name => (
            "lower(js.last_name), lower(js.first_name), js.id",
            "lower(js.last_name), lower(js.first_name), js.id",
            ">",
        ),
        JobSeekerSort::LastActivity => ("js.last_activity_at DESC, js.id DESC", "js.last_activity_at, js.id", "<"),
    }
}

/// The same order as [`order`]'s, written so that no index serves it: the database then finds the rows first
/// and sorts them, instead of reading everyone in order from the index and keeping those that match.
fn order_after_finding(sort: JobSeekerSort) -> &'static str {
    match sort {
        JobSeekerSort::Name => "lower(js.last_name) || '', lower(js.first_name), js.id",
        JobSeekerSort::LastActivity => "js.last_activity_at + 0 DESC, js.id DESC",
    }
}

/// How many times the rows up to the end of a page the list must hold for reading it in order from an index
/// to be the faster way. Reading in order stops at the page's end, but when the filter keeps few job seekers it
/// reads nearly everyone to get there, each through the index, about six times the cost of a row read in a
/// plain pass (measured at 100,000 job seekers: a search that finds one read everyone in 120 ms in order,
/// 20 ms found first and sorted).
const DENSE: u64 = 8;

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = Text)]
    first_name: String,
    #[diesel(sql_type = Text)]
    last_name: String,
    #[diesel(sql_type = Text)]
    email: String,
    #[diesel(sql_type = BigInt)]
    last_activity_at: i64,
    #[diesel(sql_type = Text)]
    stage: Stored<Stage>,
    #[diesel(sql_type = Text)]
    title: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

/// The search text as a LIKE pattern that matches it anywhere, lower-cased (`search_text` is lower-cased: LIKE
/// ignores case on SQLite but not on PostgreSQL), with LIKE's own wildcards escaped.
fn pattern(search: &str) -> Option<String> {
    let search = search.trim().to_lowercase();
    if search.is_empty() {
        return None;
    }
    let escaped: String = search
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            other => vec![other],
        })
        .collect();
    Some(format!("%{escaped}%"))
}

/// Binds the three filter parameters ($1 stage, $2 requisition, $3 pattern) in order.
macro_rules! filtered {
    ($sql:expr, $filter:expr) => {
        diesel::sql_query($sql)
            .bind::<Nullable<Text>, _>($filter.stage.map(Stored))
            .bind::<Nullable<Integer>, _>($filter.requisition_id)
            .bind::<Nullable<Text>, _>(pattern(&$filter.search))
    };
}

/// The number of job seekers the filter matches. Every query of the list counts first, so the search is
/// checked here, before any query: a megabyte of search text would otherwise reach the database as a pattern
/// too long for it and come back as an internal error.
fn count(conn: &mut DbConn, filter: &JobSeekerFilter) -> CoreResult<u64> {
    crate::validation::TextRule::LINE.require("search", &filter.search)?;
    let count: Count = filtered!(counting(filter), filter).get_result(conn)?;
    Ok(u64::try_from(count.n).unwrap_or(0))
}

/// The query of [`count`]. Without a search, the job seekers with an allowed application are the distinct
/// job seekers of the allowed applications, counted from the applications alone (a job seeker always exists
/// for an application): about ten times faster at 100,000 than asking each job seeker, and without a stage
/// or requisition from the `applications_latest` index alone. The conditions on parameters only ($3 here,
/// all three without a filter) are evaluated once, not per row.
fn counting(filter: &JobSeekerFilter) -> String {
    if pattern(&filter.search).is_some() {
        format!("SELECT COUNT(*) AS n {COUNTED}")
    } else if filter.stage.is_none() && filter.requisition_id.is_none() {
        "SELECT COUNT(DISTINCT job_seeker_id) AS n FROM applications WHERE $1 IS NULL AND $2 IS NULL AND $3 IS NULL"
            .to_owned()
    } else {
        "SELECT COUNT(DISTINCT a2.job_seeker_id) AS n FROM applications a2
         WHERE ($1 IS NULL OR a2.stage = $1) AND ($2 IS NULL OR a2.requisition_id = $2) AND $3 IS NULL"
            .to_owned()
    }
}

/// One page of the list. Pages past the end answer with the last page.
pub fn list(
    conn: &mut DbConn,
    request: &JobSeekerListRequest,
    per_page: u16,
    zone: UserZone,
) -> CoreResult<JobSeekerPage> {
    let total = count(conn, &request.filter)?;
    let per_page_count = u64::from(per_page.max(1));
    let page_count = u32::try_from(total.div_ceil(per_page_count).max(1)).unwrap_or(u32::MAX);
    let page = request.page.clamp(1, page_count);
    let page_end = u64::from(page) * per_page_count;
    let order_by = if total >= DENSE * page_end { order(request.sort).0 } else { order_after_finding(request.sort) };
    let sql = format!(
        "SELECT js.id, js.first_name, js.last_name, js.email, js.last_activity_at, a.stage, r.title {MATCHING}
         ORDER BY {order_by} LIMIT $4 OFFSET $5"
    );
    let rows: Vec<Row> = filtered!(sql, request.filter)
        .bind::<BigInt, _>(i64::from(per_page))
        .bind::<BigInt, _>(i64::from(page - 1) * i64::from(per_page))
        .load(conn)?;
    Ok(JobSeekerPage {
        rows: rows
            .into_iter()
            .map(|row| JobSeekerRow {
                id: row.id,
                name: format!("{} {}", row.first_name, row.last_name),
                email: row.email,
                requisition: row.title,
                stage: row.stage.0,
                last_activity: time::render(time::from_millis(row.last_activity_at), zone),
            })
            .collect(),
        page,
        page_count,
        total,
    })
}

/// The job seekers before and after `current_id` in the filtered, sorted list.
pub fn neighbours(conn: &mut DbConn, request: &NeighboursRequest) -> CoreResult<Neighbours> {
    crate::validation::TextRule::LINE.require("search", &request.filter.search)?;
    if pattern(&request.filter.search).is_some() {
        if let Some(found) = neighbours_in_search(conn, request)? {
            return Ok(found);
        }
    }
    let (order_by, columns, after) = order(request.sort);
    let before = if after == ">" { "<" } else { ">" };
    let key = format!("({columns})");
    let current_key = format!("(SELECT {columns} FROM job_seekers js WHERE js.id = $4)");
    let step = |direction: &str, reverse: bool| {
        let order_by = if reverse { reverse_order(order_by) } else { order_by.to_owned() };
        format!("SELECT js.id {COUNTED} AND {key} {direction} {current_key} ORDER BY {order_by} LIMIT 1")
    };
    let next: Option<Id> = filtered!(step(after, false), request.filter)
        .bind::<Integer, _>(request.current_id)
        .get_result(conn)
        .optional()?;
    let previous: Option<Id> = filtered!(step(before, true), request.filter)
        .bind::<Integer, _>(request.current_id)
        .get_result(conn)
        .optional()?;
    let in_list: Option<Id> = filtered!(format!("SELECT js.id {COUNTED} AND js.id = $4"), request.filter)
        .bind::<Integer, _>(request.current_id)
        .get_result(conn)
        .optional()?;
    // The total and the number before the current one in one pass over the list, not two. The current one's
    // key is joined after the list, so that the parameters appear in their numbers' order ($4 last: SQLite
    // numbers `$name` parameters by first appearance).
    let named: Vec<String> = columns.split(", ").enumerate().map(|(n, column)| format!("{column} AS k{n}")).collect();
    let of = |table: &str| {
        let keys: Vec<String> = (0..named.len()).map(|n| format!("{table}.k{n}")).collect();
        format!("({})", keys.join(", "))
    };
    let counted: Counts = filtered!(
        format!(
            "SELECT COUNT(*) AS total,
                    COALESCE(SUM(CASE WHEN {listed} {before} {current} THEN 1 ELSE 0 END), 0) AS before_count
             FROM (SELECT {keys} {COUNTED}) listed
             LEFT JOIN (SELECT {keys} FROM job_seekers js WHERE js.id = $4) this_one ON 1 = 1",
            listed = of("listed"),
            current = of("this_one"),
            keys = named.join(", "),
        ),
        request.filter
    )
    .bind::<Integer, _>(request.current_id)
    .get_result(conn)?;
    Ok(Neighbours {
        previous: previous.map(|row| row.id),
        next: next.map(|row| row.id),
        position: in_list.map(|_| u64::try_from(counted.before_count).unwrap_or(0) + 1),
        total: u64::try_from(counted.total).unwrap_or(0),
    })
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = BigInt)]
    before_count: i64,
}

#[derive(QueryableByName)]
struct Around {
    #[diesel(sql_type = Nullable<Integer>)]
    previous: Option<i32>,
    #[diesel(sql_type = Nullable<Integer>)]
    next: Option<i32>,
    #[diesel(sql_type = BigInt)]
    position: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// Previous, next, position and total of `current_id` in a searched list, in one pass over the job seekers
/// (a search reads all of them: each of the separate queries would read them again). `None` when the job
/// seeker is not in the list (no longer matches the search); the separate queries answer then.
fn neighbours_in_search(conn: &mut DbConn, request: &NeighboursRequest) -> CoreResult<Option<Neighbours>> {
    let (order_by, _, _) = order(request.sort);
    let sql = format!(
        "SELECT previous, next, position, total FROM (
             SELECT js.id, LAG(js.id) OVER w AS previous, LEAD(js.id) OVER w AS next,
                    ROW_NUMBER() OVER w AS position, COUNT(*) OVER () AS total
             {COUNTED}
             WINDOW w AS (ORDER BY {order_by})) around
         WHERE around.id = $4"
    );
    let around: Option<Around> =
        filtered!(sql, request.filter).bind::<Integer, _>(request.current_id).get_result(conn).optional()?;
    Ok(around.map(|around| Neighbours {
        previous: around.previous,
        next: around.next,
        position: Some(u64::try_from(around.position).unwrap_or(0)),
        total: u64::try_from(around.total).unwrap_or(0),
    }))
}

/// The same columns in the opposite direction, for walking backwards.
fn reverse_order(order_by: &str) -> String {
    order_by
        .split(", ")
        .map(|column| match column.strip_suffix(" DESC") {
            Some(column) => column.to_owned(),
            None => format!("{column} DESC"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

// The commands of the job seeker list and of the detail's Previous/Next.

impl Handle for JobSeekerListRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerPage> {
        list(cx.conn, self, cx.records_per_page, cx.zone)
    }
}

impl Handle for NeighboursRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Neighbours> {
        neighbours(cx.conn, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_patterns_escape_like_wildcards() {
        assert_eq!(pattern("  "), None);
        assert_eq!(pattern("ann").as_deref(), Some("%ann%"));
        assert_eq!(pattern("50%_a\\b").as_deref(), Some("%50\\%\\_a\\\\b%"));
    }

    #[test]
    fn orders_reverse_column_by_column() {
        assert_eq!(reverse_order("js.last_activity_at DESC, js.id DESC"), "js.last_activity_at, js.id");
        assert_eq!(reverse_order("lower(js.last_name), js.id"), "lower(js.last_name) DESC, js.id DESC");
    }
}

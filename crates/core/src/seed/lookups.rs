//! The few look-ups the History benchmark needs besides the app's own functions.

use crate::db::schema::{history, job_seekers};
use crate::db::DbConn;
use crate::error::CoreResult;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};

#[derive(QueryableByName)]
struct Busiest {
    #[diesel(sql_type = Integer)]
    job_seeker_id: i32,
    #[diesel(sql_type = BigInt)]
    entries: i64,
}

/// The job seeker with the most History entries and how many they have (the seeded busy one on seeded data).
pub fn busiest_job_seeker(conn: &mut DbConn) -> CoreResult<Option<(i32, i64)>> {
    let busiest: Option<Busiest> = diesel::sql_query(
        "SELECT job_seeker_id, COUNT(*) AS entries FROM history WHERE job_seeker_id IS NOT NULL
         GROUP BY job_seeker_id ORDER BY entries DESC LIMIT 1",
    )
    .get_result(conn)
    .optional()?;
    Ok(busiest.map(|row| (row.job_seeker_id, row.entries)))
}

/// Every job seeker's id, to pick random ones from.
pub fn job_seeker_ids(conn: &mut DbConn) -> CoreResult<Vec<i32>> {
    Ok(job_seekers::table.select(job_seekers::id).order(job_seekers::id).load(conn)?)
}

/// The job seekers with at least `entries` History entries: those whose History tab has full pages.
pub fn job_seekers_with_history(conn: &mut DbConn, entries: i64) -> CoreResult<Vec<i32>> {
    Ok(history::table
        .filter(history::job_seeker_id.is_not_null())
        .group_by(history::job_seeker_id)
        .having(diesel::dsl::count_star().ge(entries))
        .select(history::job_seeker_id.assume_not_null())
        .order(history::job_seeker_id)
        .load(conn)?)
}

/// How many History entries concern a job seeker.
pub fn job_seeker_history_count(conn: &mut DbConn) -> CoreResult<i64> {
    Ok(history::table.filter(history::job_seeker_id.is_not_null()).count().get_result(conn)?)
}

//! The few look-ups the History and search benchmarks need besides the app's own functions, and the search
//! benchmark's baselines.

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

/// How many notes the database holds.
pub fn note_count(conn: &mut DbConn) -> CoreResult<i64> {
    Ok(crate::db::schema::notes::table.count().get_result(conn)?)
}

/// The search benchmark's baseline on SQLite: the bare FTS5 MATCH of `words` (each a prefix) in each of the
/// five indexes, the best `limit` by rank of the newest candidates as the search takes them, rowids only.
/// Returns how many rows came back.
pub fn search_baseline(conn: &mut DbConn, words: &[String], limit: i64) -> CoreResult<usize> {
    #[derive(QueryableByName)]
    struct Rowid {
        #[diesel(sql_type = BigInt)]
        #[allow(dead_code, reason = "only counted")]
        rowid: i64,
    }
    let matching = words.iter().map(|word| format!("\"{}\"*", word.replace('"', "\"\""))).collect::<Vec<_>>();
    let mut found = 0;
    for index in ["job_seekers_fts", "notes_fts", "history_fts", "offers_fts", "outbox_fts"] {
        let sql = format!(
            "SELECT rowid FROM (SELECT rowid, rank FROM {index} WHERE {index} MATCH $1 ORDER BY rowid DESC LIMIT {})
             ORDER BY rank LIMIT $2",
            crate::search::sql::CANDIDATES
        );
        let rows: Vec<Rowid> = diesel::sql_query(sql)
            .bind::<diesel::sql_types::Text, _>(matching.join(" "))
            .bind::<BigInt, _>(limit)
            .load(conn)?;
        found += rows.len();
    }
    Ok(found)
}

/// Writes a copy of the SQLite database to `target` (which must not exist) without the triggers that keep
/// the search indexes, for the search benchmark's note save without them.
pub fn copy_without_search_triggers(conn: &mut DbConn, target: &std::path::Path) -> CoreResult<()> {
    use diesel::connection::SimpleConnection;
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    diesel::sql_query("VACUUM INTO $1").bind::<diesel::sql_types::Text, _>(target.to_string_lossy()).execute(conn)?;
    let copied = SqliteConnection::establish(&target.to_string_lossy())
        .map_err(|error| crate::error::CoreError::Open(format!("{}: {error}", target.display())))?;
    let mut copy = DbConn::Sqlite(copied);
    let triggers: Vec<Name> =
        diesel::sql_query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_*'")
            .load(&mut copy)?;
    for Name { name } in triggers {
        copy.batch_execute(&format!("DROP TRIGGER \"{name}\""))?;
    }
    Ok(())
}

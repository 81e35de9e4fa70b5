//! Synthetic data for benchmarks — not for the app, which never calls this module.
//!
//! [`seed`] fills an empty installation with a large, plausible data set (by default 50 requisitions,
//! 100,000 job seekers and 1,000,000 History entries, one job seeker having 10,000 of them, and 200,000
//! notes) so that `cargo xtask bench history` and `bench search` measure the History tab and the search box at
//! the size a busy installation reaches after years of use. Everything comes from a fixed random seed, so the
//! same options always build the same database. It is written in one transaction with multi-row INSERTs: a
//! million single-row statements would take minutes instead of seconds.
//!
//! The benchmark's baseline — the History page query with no rendering — and the few look-ups the benchmark
//! needs live here too, so that Diesel stays inside the core.

mod lookups;
mod notes;
mod plan;
mod write;

pub use lookups::{
    busiest_job_seeker, copy_without_search_triggers, job_seeker_history_count, job_seeker_ids,
    job_seekers_with_history, note_count, search_baseline,
};

use crate::accounts::{new_accounts, password};
use crate::db::schema::{job_seekers, requisitions};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use hiredesk_wire::ErrorKind;
use plan::Plan;

/// The seeded Administrator, so that the data directory can be opened and looked at in the app.
pub const ADMINISTRATOR_EMAIL: &str = "admin@seed.example";
/// The seeded Administrator's password; it need not be changed at first sign-in.
pub const ADMINISTRATOR_PASSWORD: &str = "Seeded benchmark administrator";

/// How much to seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedOptions {
    pub requisitions: usize,
    pub job_seekers: usize,
    /// Every History entry about a job seeker, the busy job seeker's included.
    pub history: usize,
    /// The History entries of the one busy job seeker, whose History tab has hundreds of pages.
    pub busy_history: usize,
    /// Notes and tasks about random applications (for the search benchmark).
    pub notes: usize,
}

impl Default for SeedOptions {
    /// The benchmark's data set.
    fn default() -> Self {
        SeedOptions { requisitions: 50, job_seekers: 100_000, history: 1_000_000, busy_history: 10_000, notes: 200_000 }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    pub requisitions: usize,
    pub job_seekers: usize,
    pub applications: usize,
    pub history: usize,
    /// The job seeker with exactly [`SeedOptions::busy_history`] History entries.
    pub busy_job_seeker_id: i32,
}

/// Fills an empty installation with the synthetic data set of `options`, in one transaction, plus one
/// Administrator ([`ADMINISTRATOR_EMAIL`], [`ADMINISTRATOR_PASSWORD`]). For benchmarks only.
pub fn seed(conn: &mut DbConn, options: &SeedOptions, now: DateTime<Utc>) -> CoreResult<Seeded> {
    let occupied = new_accounts::any_exist(conn)?
        || diesel::select(diesel::dsl::exists(job_seekers::table.select(job_seekers::id))).get_result(conn)?
        || diesel::select(diesel::dsl::exists(requisitions::table.select(requisitions::id))).get_result(conn)?;
    if occupied {
        return Err(CoreError::user(
            ErrorKind::Conflict,
            "Seed data goes into an empty data directory only; this one already has users or job seekers.",
        ));
    }
    let plan = Plan::new(options, now)?;
    // Hash outside the transaction: it is the slow part of creating a user.
    let phc = password::hash(ADMINISTRATOR_PASSWORD)?;
    if crate::db::is_postgres(conn) {
        return seed_postgres(conn, &plan, &phc, now);
    }
    let cache: CacheSize = diesel::sql_query("PRAGMA cache_size").get_result(conn)?;
    // A page cache big enough for the whole History index, so index pages are not written out and read back
    // during the load (256 MiB; the connection's own setting is restored afterwards).
    conn.batch_execute("PRAGMA cache_size = -262144")?;
    let written = crate::db::write(conn, |conn| plan.write(conn, &phc, now));
    conn.batch_execute(&format!("PRAGMA cache_size = {}", cache.cache_size))?;
    let seeded = written?;
    // Move the data from the write-ahead log (as large as the database by now) into the database file, so
    // the data directory holds what the app would find after years of use.
    conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(seeded)
}

/// The tables whose ids the seed chooses itself (so that the History it writes can name them), and whose
/// identity sequences must then be moved past those ids.
const TABLES_WITH_SEEDED_IDS: [&str; 3] = ["requisitions", "job_seekers", "applications"];

/// PostgreSQL's side of [`seed`], as its owner (or a role that owns the tables): the same rows in one
/// transaction, then the identity sequences moved past the ids the seed chose (so the app's next job seeker does
/// not collide with a seeded one), then `ANALYZE`, so the planner knows the History table's million rows at once
/// rather than after autovacuum comes by.
fn seed_postgres(conn: &mut DbConn, plan: &Plan, phc: &str, now: DateTime<Utc>) -> CoreResult<Seeded> {
    let seeded = crate::db::write(conn, |conn| {
        let seeded = plan.write(conn, phc, now)?;
        for table in TABLES_WITH_SEEDED_IDS {
            // `setval` to at least 1: an empty table's MAX(id) is NULL, and a sequence cannot be set to 0.
            conn.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(1, (SELECT MAX(id) FROM {table})))"
            ))?;
        }
        Ok::<_, CoreError>(seeded)
    })?;
    conn.batch_execute("ANALYZE")?;
    Ok(seeded)
}

#[derive(QueryableByName)]
struct CacheSize {
    #[diesel(sql_type = BigInt)]
    cache_size: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::time::UserZone;
    use hiredesk_wire::HistoryPageRequest;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T15:00:00Z").expect("test instant").with_timezone(&Utc)
    }

    const TINY: SeedOptions =
        SeedOptions { requisitions: 5, job_seekers: 50, history: 500, busy_history: 100, notes: 200 };

    #[test]
    fn seeds_the_counts_asked_for() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let pool = db::open(&db::Location::in_data_dir(dir.path())).expect("database");
        let mut conn = db::connection(&pool).expect("connection");
        let seeded = seed(&mut conn, &TINY, now()).expect("seed");
        assert_eq!((seeded.requisitions, seeded.job_seekers, seeded.history), (5, 50, 500));

        let count = |conn: &mut DbConn, sql: &str| -> i64 {
            #[derive(QueryableByName)]
            struct Count {
                #[diesel(sql_type = BigInt)]
                n: i64,
            }
            diesel::sql_query(sql).get_result::<Count>(conn).expect(sql).n
        };
        assert_eq!(count(&mut conn, "SELECT COUNT(*) AS n FROM requisitions"), 5);
        assert_eq!(count(&mut conn, "SELECT COUNT(*) AS n FROM job_seekers"), 50);
        assert_eq!(
            count(&mut conn, "SELECT COUNT(*) AS n FROM applications"),
            i64::try_from(seeded.applications).expect("fits")
        );
        assert!((50..=100).contains(&seeded.applications));
        let applications = i64::try_from(seeded.applications).expect("fits");
        assert_eq!(count(&mut conn, "SELECT COUNT(*) AS n FROM application_forms"), 4 * applications);
        assert_eq!(
            count(&mut conn, "SELECT COUNT(*) AS n FROM notification_events WHERE delivered_at IS NOT NULL"),
            applications
        );
        assert_eq!(job_seeker_history_count(&mut conn).expect("count"), 500);
        assert_eq!(busiest_job_seeker(&mut conn).expect("busiest"), Some((seeded.busy_job_seeker_id, 100)));
        let full = job_seekers_with_history(&mut conn, 20).expect("job seekers with full pages");
        assert!(full.contains(&seeded.busy_job_seeker_id) && full.len() < 50);
        assert_eq!(count(&mut conn, "SELECT COUNT(DISTINCT stage) AS n FROM applications"), 6);
        assert_eq!(count(&mut conn, "SELECT COUNT(DISTINCT kind) AS n FROM history"), 3);
        // Every job seeker's History starts with their applications, and their last activity is their last entry.
        assert_eq!(
            count(
                &mut conn,
                "SELECT COUNT(*) AS n FROM job_seekers js
                 WHERE js.last_activity_at <> (SELECT MAX(at) FROM history WHERE job_seeker_id = js.id)
                    OR js.created_at <> (SELECT MIN(at) FROM history WHERE job_seeker_id = js.id)"
            ),
            0
        );
        // Ids follow time, as when the app writes the entries.
        assert_eq!(
            count(&mut conn, "SELECT COUNT(*) AS n FROM history a JOIN history b ON b.id = a.id + 1 WHERE b.at < a.at"),
            0
        );
        // The Administrator can sign in without changing the password first.
        let signed_in =
            crate::accounts::sign_in::sign_in(&mut conn, ADMINISTRATOR_EMAIL, ADMINISTRATOR_PASSWORD, now())
                .expect("sign in");
        drop(signed_in);

        // A second seed into the same directory is refused.
        assert_eq!(seed(&mut conn, &TINY, now()).expect_err("occupied").kind(), ErrorKind::Conflict);
    }

    #[test]
    fn raw_pages_are_the_history_tab_pages() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let pool = db::open(&db::Location::in_data_dir(dir.path())).expect("database");
        let mut conn = db::connection(&pool).expect("connection");
        let seeded = seed(&mut conn, &TINY, now()).expect("seed");
        let job_seeker_id = seeded.busy_job_seeker_id;
        let (mut after, mut raw_after, mut pages) = (None, None, 0);
        loop {
            let request = HistoryPageRequest { job_seeker_id, kind: None, requisition_id: None, after };
            let page = crate::history::page(&mut conn, &request, 30, UserZone::default()).expect("page");
            let raw = crate::history::raw_page(&mut conn, job_seeker_id, raw_after, 30).expect("raw page");
            assert_eq!(raw.ids, page.entries.iter().map(|entry| entry.id).collect::<Vec<_>>());
            assert_eq!(raw.next, page.next);
            pages += 1;
            match page.next {
                Some(next) => (after, raw_after) = (Some(next), Some(next)),
                None => break,
            }
        }
        assert_eq!(pages, 4);
        assert!(crate::history::page_plan(&mut conn)
            .expect("plan")
            .iter()
            .any(|line| line.contains("history_by_job_seeker")));
    }

    #[test]
    fn too_little_history_is_refused_with_the_minimum() {
        let options = SeedOptions { history: 20, ..TINY };
        let error = Plan::new(&options, now()).err().expect("refused");
        assert_eq!(error.kind(), ErrorKind::Validation);
    }

    #[test]
    fn the_same_options_give_the_same_plan() {
        let times = |plan: Plan| plan.events.iter().map(|event| (event.at, event.person)).collect::<Vec<_>>();
        assert_eq!(times(Plan::new(&TINY, now()).expect("plan")), times(Plan::new(&TINY, now()).expect("plan")));
    }
}

//! `bench-history`: how fast the History tab answers on a large data set, through the very functions the
//! app calls, next to the bare database work of the same query on the same file in the same run.
//!
//! - One page (up to 50 rows) through `history::page`: the first page of many random job seekers, every page
//!   (by the cursor) of random job seekers with more than one page, and every page of the busiest job
//!   seeker; p50 and p95 of each, beside the raw keyset query (same SQL, binds and LIMIT, no rendering) and
//!   the ratio. Goal: p95 ≤ 2 ms.
//! - Opening the busiest job seeker (10,000 entries on seeded data): `job_seekers::get` then the first
//!   History page, as the detail screen does; the median of several runs. Goal: ≤ 50 ms.
//!
//! Core and raw fetch the same pages, alternating which goes first so that machine noise and cache warmth
//! hit both alike, after an unmeasured warm-up as in an app that has been running for a while. The figures
//! are for a file in the operating system's cache, as a working app's is; the first pages after a reboot
//! would be slower.

use crate::failure::Failure;
use crate::thousands;
use hiredesk_core::db::DbConn;
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::time::UserZone;
use hiredesk_core::{db, history, job_seekers};
use hiredesk_wire::{HistoryCursor, HistoryPageRequest};
use std::path::Path;
use std::time::{Duration, Instant};

/// Rows per page, the size the History tab asks for.
const PER_PAGE: u16 = 50;
const WARM_UP_PAGES: usize = 500;
const RANDOM_PAGES: usize = 2_000;
const RANDOM_WALKS: usize = 300;
const BUSY_WALKS: usize = 5;
const OPEN_RUNS: usize = 21;

const PAGE_GOAL: Duration = Duration::from_millis(2);
const OPEN_GOAL: Duration = Duration::from_millis(50);

pub fn run(data_dir: &Path) -> Result<(), Failure> {
    if !data_dir.join(db::DATABASE_FILE).exists() {
        println!("{} has no database: seeding the benchmark data set first.\n", data_dir.display());
        crate::seed(data_dir, &SeedOptions::default())?;
        println!();
    }
    let pool = db::open(&db::Location::in_data_dir(data_dir))?;
    let mut conn = db::connection(&pool)?;
    let conn = &mut conn;
    let ids = seed::job_seeker_ids(conn)?;
    let entries = seed::job_seeker_history_count(conn)?;
    let (busy, busy_entries) = seed::busiest_job_seeker(conn)?.ok_or_else(|| {
        Failure::Check(
            "the database has no History entries about job seekers: seed it with `cargo xtask seed`".to_owned(),
        )
    })?;
    let several_pages = seed::job_seekers_with_history(conn, i64::from(PER_PAGE) + 1)?;

    println!(
        "History benchmark on {}: {} job seekers, {} History entries; {} job seekers have more than one page, \
         job seeker {busy} has {} entries.",
        data_dir.join(db::DATABASE_FILE).display(),
        thousands(ids.len()),
        thousands(entries),
        thousands(several_pages.len()),
        thousands(busy_entries)
    );
    for line in history::page_plan(conn)? {
        println!("Query plan: {line}");
    }

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..WARM_UP_PAGES {
        let job_seeker_id = ids[rng.below(ids.len())];
        core_page(conn, job_seeker_id, None)?;
        raw_page(conn, job_seeker_id, None)?;
    }

    // The first page of random job seekers: what opening any History tab costs. Core and raw fetch the same
    // job seeker, alternating which goes first.
    let mut first = Series::default();
    for round in 0..RANDOM_PAGES {
        let job_seeker_id = ids[rng.below(ids.len())];
        first.fetch(conn, job_seeker_id, round % 2 == 0)?;
    }

    // Every page, by the cursor, of random job seekers with more than one page: full pages, and the later
    // pages the "Older" button brings.
    let mut walks = Series::default();
    if !several_pages.is_empty() {
        for round in 0..RANDOM_WALKS {
            walks.walk(conn, several_pages[rng.below(several_pages.len())], round % 2 == 0)?;
        }
    }

    // Every page of the busiest job seeker, newest to oldest, several times.
    let mut busy_walks = Series::default();
    for round in 0..BUSY_WALKS {
        let rows = busy_walks.walk(conn, busy, round % 2 == 0)?;
        if i64::try_from(rows).ok() != Some(busy_entries) {
            return Err(Failure::Check(format!(
                "walking job seeker {busy}'s pages returned {rows} rows, not {busy_entries}"
            )));
        }
    }

    // Opening the busiest job seeker as the detail screen does: the detail, then the first History page.
    let zone = UserZone::default();
    let (mut opens, mut gets) = (Vec::new(), Vec::new());
    for _ in 0..OPEN_RUNS {
        let started = Instant::now();
        let detail = job_seekers::get(conn, busy, zone)?;
        let got = started.elapsed();
        let request = HistoryPageRequest { job_seeker_id: detail.id, kind: None, requisition_id: None, after: None };
        let page = history::page(conn, &request, PER_PAGE, zone)?;
        opens.push(started.elapsed());
        gets.push(got);
        if page.entries.len() != usize::from(PER_PAGE) {
            return Err(Failure::Check(format!("job seeker {busy}'s first page has {} rows", page.entries.len())));
        }
    }

    println!();
    let first = first.report(&format!("First History page of {} random job seekers", thousands(RANDOM_PAGES)));
    let walks = walks.report(&format!(
        "Every page, by the cursor, of {RANDOM_WALKS} random job seekers with more than {PER_PAGE} entries"
    ));
    let busy_walks = busy_walks.report(&format!("Every page of job seeker {busy}, by the cursor, {BUSY_WALKS} times"));
    let open = percentile(&mut opens, 50);
    let get = percentile(&mut gets, 50);
    println!(
        "Opening job seeker {busy} ({} entries): job_seekers::get, then the first History page; median of \
        {OPEN_RUNS} runs",
        thousands(busy_entries)
    );
    println!(
        "  to first page {}   (get {}, first page {}; slowest run {})",
        ms(open),
        ms(get),
        ms(open.saturating_sub(get)),
        ms(max(&opens))
    );

    let page_p95 = first.p95.max(walks.p95).max(busy_walks.p95);
    println!("\nGoals:");
    println!(
        "  p95 of one History page ≤ {}: {} / {} / {} (random first pages / random walks / job seeker {busy})  — {}",
        ms(PAGE_GOAL),
        ms(first.p95),
        ms(walks.p95),
        ms(busy_walks.p95),
        verdict(page_p95 <= PAGE_GOAL)
    );
    println!(
        "  opening the job seeker with {} entries ≤ {}: {}  — {}",
        thousands(busy_entries),
        ms(OPEN_GOAL),
        ms(open),
        verdict(open <= OPEN_GOAL)
    );
    Ok(())
}

/// One page's fetch: how long it took, the cursor of the next page and how many rows came back.
struct Fetched {
    elapsed: Duration,
    next: Option<HistoryCursor>,
    rows: usize,
}

/// [`core_page`] or [`raw_page`].
type FetchPage = fn(&mut DbConn, i32, Option<HistoryCursor>) -> Result<Fetched, Failure>;

/// A page through the function the History tab calls, rendering included.
fn core_page(conn: &mut DbConn, job_seeker_id: i32, after: Option<HistoryCursor>) -> Result<Fetched, Failure> {
    let request = HistoryPageRequest { job_seeker_id, kind: None, requisition_id: None, after };
    let started = Instant::now();
    let page = history::page(conn, &request, PER_PAGE, UserZone::default())?;
    Ok(Fetched { elapsed: started.elapsed(), next: page.next, rows: page.entries.len() })
}

/// The same page by the bare query.
fn raw_page(conn: &mut DbConn, job_seeker_id: i32, after: Option<HistoryCursor>) -> Result<Fetched, Failure> {
    let started = Instant::now();
    let page = history::raw_page(conn, job_seeker_id, after, PER_PAGE)?;
    Ok(Fetched { elapsed: started.elapsed(), next: page.next, rows: page.ids.len() })
}

/// Page times through the app and by the raw query, over the same pages.
#[derive(Default)]
struct Series {
    core: Vec<Duration>,
    raw: Vec<Duration>,
    rows: usize,
}

impl Series {
    /// One page both ways; `core_first` alternates between calls so that neither always runs on a warmer cache.
    fn fetch(&mut self, conn: &mut DbConn, job_seeker_id: i32, core_first: bool) -> Result<(), Failure> {
        let (core, raw) = if core_first {
            let core = core_page(conn, job_seeker_id, None)?;
            (core, raw_page(conn, job_seeker_id, None)?)
        } else {
            let raw = raw_page(conn, job_seeker_id, None)?;
            (core_page(conn, job_seeker_id, None)?, raw)
        };
        self.core.push(core.elapsed);
        self.raw.push(raw.elapsed);
        self.rows += core.rows;
        Ok(())
    }

    /// Every page of one job seeker both ways, one walk after the other; returns the rows of one walk.
    fn walk(&mut self, conn: &mut DbConn, job_seeker_id: i32, core_first: bool) -> Result<usize, Failure> {
        let order: [(FetchPage, bool); 2] =
            if core_first { [(core_page, true), (raw_page, false)] } else { [(raw_page, false), (core_page, true)] };
        let mut walked = 0;
        for (fetch, is_core) in order {
            let (mut after, mut rows) = (None, 0);
            loop {
                let fetched = fetch(conn, job_seeker_id, after)?;
                if is_core { &mut self.core } else { &mut self.raw }.push(fetched.elapsed);
                rows += fetched.rows;
                after = fetched.next;
                if after.is_none() {
                    break;
                }
            }
            if is_core {
                self.rows += rows;
            }
            walked = rows;
        }
        Ok(walked)
    }

    /// Prints p50 and p95 both ways and their ratio; returns the app's figures.
    fn report(mut self, title: &str) -> Spread {
        let core = Spread::new(&mut self.core);
        let raw = Spread::new(&mut self.raw);
        let ratio = |core: Duration, raw: Duration| core.as_secs_f64() / raw.as_secs_f64().max(f64::MIN_POSITIVE);
        let pages = self.core.len();
        let per_page = if pages == 0 { 0.0 } else { self.rows as f64 / pages as f64 };
        println!("{title}: {} pages, {per_page:.1} rows per page on average", thousands(pages));
        println!("  {:<26}{:>11}{:>11}", "", "p50", "p95");
        println!("  {:<26}{:>11}{:>11}", "history::page (the app)", ms(core.p50), ms(core.p95));
        println!("  {:<26}{:>11}{:>11}", "raw SQL keyset query", ms(raw.p50), ms(raw.p95));
        println!("  {:<26}{:>11.2}{:>11.2}\n", "ratio app / raw", ratio(core.p50, raw.p50), ratio(core.p95, raw.p95));
        core
    }
}

/// p50 and p95 of one series.
#[derive(Debug, Clone, Copy)]
struct Spread {
    p50: Duration,
    p95: Duration,
}

impl Spread {
    fn new(samples: &mut [Duration]) -> Spread {
        Spread { p50: percentile(samples, 50), p95: percentile(samples, 95) }
    }
}

/// The nearest-rank percentile.
fn percentile(samples: &mut [Duration], percent: usize) -> Duration {
    samples.sort_unstable();
    let rank = (samples.len() * percent).div_ceil(100).max(1);
    samples.get(rank - 1).copied().unwrap_or_default()
}

fn max(samples: &[Duration]) -> Duration {
    samples.iter().copied().max().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1000.0)
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

/// SplitMix64, to pick job seekers without a random-number crate; fixed seed, so runs pick the same ones.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        usize::try_from((u128::from(z) * n as u128) >> 64).unwrap_or(0)
    }
}

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
//!
//! With `--postgres URL` (`cargo xtask bench history --backend postgres`) the same walks run on a PostgreSQL
//! database beside the SQLite file, page by page in the same run (alternating which backend goes first), and
//! the figures are printed side by side. The PostgreSQL database is seeded with the SQLite file's shape (the
//! same options, hence the same job seekers, ids and History per job seeker; checked before measuring) by its
//! owner, analysed, and read as the application's role over TCP on 127.0.0.1, as a team's desktop would.

use crate::failure::Failure;
use crate::team::TeamDatabase;
use crate::thousands;
use hiredesk_core::db::{DbConn, PooledConn};
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::time::UserZone;
use hiredesk_core::{db, history, job_seekers};
use hiredesk_wire::{HistoryCursor, HistoryPageRequest};
use std::path::{Path, PathBuf};
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

/// The index the History tab's keyset pages must be served by.
const KEYSET_INDEX: &str = "history_by_job_seeker";

/// `bench-history [--data-dir DIR] [--postgres URL [--app-role ROLE]]`.
pub fn main(args: &[String]) -> Result<(), Failure> {
    let mut data_dir = PathBuf::from(crate::DEFAULT_DATA_DIR);
    let (mut postgres, mut app_role) = (None, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value\n\n{}", crate::USAGE)))?;
        match flag.as_str() {
            "--data-dir" => data_dir = PathBuf::from(value),
            "--postgres" => postgres = Some(value.clone()),
            "--app-role" => app_role = Some(value.clone()),
            _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{}", crate::USAGE))),
        }
    }
    run(&data_dir, TeamDatabase::from_flags(postgres, app_role)?.as_ref())
}

/// One database the walks run on.
struct Backend {
    name: &'static str,
    conn: PooledConn,
}

/// What the walks need to know of the data, and what must be alike on both backends.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    ids: Vec<i32>,
    entries: i64,
    busy: i32,
    busy_entries: i64,
    several_pages: Vec<i32>,
}

impl Shape {
    fn read(conn: &mut DbConn) -> Result<Shape, Failure> {
        let ids = seed::job_seeker_ids(conn)?;
        let entries = seed::job_seeker_history_count(conn)?;
        let (busy, busy_entries) = seed::busiest_job_seeker(conn)?.ok_or_else(|| {
            Failure::Check(
                "the database has no History entries about job seekers: seed it with `cargo xtask seed`".to_owned(),
            )
        })?;
        let several_pages = seed::job_seekers_with_history(conn, i64::from(PER_PAGE) + 1)?;
        Ok(Shape { ids, entries, busy, busy_entries, several_pages })
    }

    /// The options that seed this shape again (the tools' seed asks for no other requisition count).
    fn options(&self) -> Result<SeedOptions, Failure> {
        let count = |value: i64| usize::try_from(value).map_err(|_| Failure::Check(format!("{value} entries")));
        Ok(SeedOptions {
            job_seekers: self.ids.len(),
            history: count(self.entries)?,
            busy_history: count(self.busy_entries)?,
            ..SeedOptions::default()
        })
    }
}

pub fn run(data_dir: &Path, team: Option<&TeamDatabase>) -> Result<(), Failure> {
    if !data_dir.join(db::DATABASE_FILE).exists() {
        println!("{} has no database: seeding the benchmark data set first.\n", data_dir.display());
        crate::seed(data_dir, &SeedOptions::default())?;
        println!();
    }
    let pool = db::open(&db::Location::in_data_dir(data_dir))?;
    let mut sqlite = Backend { name: "SQLite", conn: db::connection(&pool)? };
    let shape = Shape::read(&mut sqlite.conn)?;
    let busy = shape.busy;

    println!(
        "History benchmark on {}: {} job seekers, {} History entries; {} job seekers have more than one page, \
         job seeker {busy} has {} entries.",
        data_dir.join(db::DATABASE_FILE).display(),
        thousands(shape.ids.len()),
        thousands(shape.entries),
        thousands(shape.several_pages.len()),
        thousands(shape.busy_entries)
    );
    for line in history::page_plan(&mut sqlite.conn)? {
        println!("Query plan: {line}");
    }
    if team.is_some() {
        crate::machine::report("before");
    }
    let mut backends = vec![sqlite];
    let mut seeded_in = None;
    if let Some(team) = team {
        let (postgres, seconds) = postgres_backend(team, &shape)?;
        backends.push(postgres);
        seeded_in = seconds;
    }
    let labelled = backends.len() > 1;

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..WARM_UP_PAGES {
        let job_seeker_id = shape.ids[rng.below(shape.ids.len())];
        for backend in &mut backends {
            core_page(&mut backend.conn, job_seeker_id, None)?;
            raw_page(&mut backend.conn, job_seeker_id, None)?;
        }
    }

    // The first page of random job seekers: what opening any History tab costs. Core and raw fetch the same
    // job seeker, alternating which goes first (and, with two backends, which backend goes first).
    let mut first = Series::new(backends.len());
    for round in 0..RANDOM_PAGES {
        let job_seeker_id = shape.ids[rng.below(shape.ids.len())];
        for (index, backend) in in_turn(&mut backends, round) {
            first.timings[index].fetch(&mut backend.conn, job_seeker_id, round % 2 == 0)?;
        }
    }

    // Every page, by the cursor, of random job seekers with more than one page: full pages, and the later
    // pages the "Older" button brings.
    let mut walks = Series::new(backends.len());
    if !shape.several_pages.is_empty() {
        for round in 0..RANDOM_WALKS {
            let job_seeker_id = shape.several_pages[rng.below(shape.several_pages.len())];
            for (index, backend) in in_turn(&mut backends, round) {
                walks.timings[index].walk(&mut backend.conn, job_seeker_id, round % 2 == 0)?;
            }
        }
    }

    // Every page of the busiest job seeker, newest to oldest, several times.
    let mut busy_walks = Series::new(backends.len());
    for round in 0..BUSY_WALKS {
        for (index, backend) in in_turn(&mut backends, round) {
            let rows = busy_walks.timings[index].walk(&mut backend.conn, busy, round % 2 == 0)?;
            if i64::try_from(rows).ok() != Some(shape.busy_entries) {
                return Err(Failure::Check(format!(
                    "walking job seeker {busy}'s pages on {} returned {rows} rows, not {}",
                    backend.name, shape.busy_entries
                )));
            }
        }
    }

    // Opening the busiest job seeker as the detail screen does: the detail, then the first History page.
    let mut opens: Vec<Opening> = backends.iter().map(|_| Opening::default()).collect();
    for run in 0..OPEN_RUNS {
        for (index, backend) in in_turn(&mut backends, run) {
            opens[index].open(&mut backend.conn, busy)?;
        }
    }

    println!();
    let names: Vec<&str> = backends.iter().map(|backend| backend.name).collect();
    let first = first.report(&format!("First History page of {} random job seekers", thousands(RANDOM_PAGES)), &names);
    let walks = walks.report(
        &format!("Every page, by the cursor, of {RANDOM_WALKS} random job seekers with more than {PER_PAGE} entries"),
        &names,
    );
    let busy_walks =
        busy_walks.report(&format!("Every page of job seeker {busy}, by the cursor, {BUSY_WALKS} times"), &names);
    println!(
        "Opening job seeker {busy} ({} entries): job_seekers::get, then the first History page; median of \
        {OPEN_RUNS} runs",
        thousands(shape.busy_entries)
    );
    let opened: Vec<Duration> = opens
        .iter_mut()
        .zip(&names)
        .map(|(opening, name)| {
            let (open, get) = (percentile(&mut opening.opens, 50), percentile(&mut opening.gets, 50));
            println!(
                "  {}to first page {}   (get {}, first page {}; slowest run {})",
                if labelled { format!("{name:<12}") } else { String::new() },
                ms(open),
                ms(get),
                ms(open.saturating_sub(get)),
                ms(max(&opening.opens))
            );
            open
        })
        .collect();

    println!("\nGoals:");
    for (index, name) in names.iter().enumerate() {
        let label = if labelled { format!("{name}: ") } else { String::new() };
        let page_p95 = first[index].p95.max(walks[index].p95).max(busy_walks[index].p95);
        println!(
            "  {label}p95 of one History page ≤ {}: {} / {} / {} (random first pages / random walks / job seeker \
             {busy})  — {}",
            ms(PAGE_GOAL),
            ms(first[index].p95),
            ms(walks[index].p95),
            ms(busy_walks[index].p95),
            verdict(page_p95 <= PAGE_GOAL)
        );
        println!(
            "  {label}opening the job seeker with {} entries ≤ {}: {}  — {}",
            thousands(shape.busy_entries),
            ms(OPEN_GOAL),
            ms(opened[index]),
            verdict(opened[index] <= OPEN_GOAL)
        );
    }
    if labelled {
        let rows = [
            ("first pages of random job seekers", &first),
            ("every page of random multi-page ones", &walks),
            ("every page of the busiest", &busy_walks),
        ];
        println!(
            "\nSummary ({} History entries, {} job seekers; p95 of one History page through history::page, goal ≤ \
             {}):",
            thousands(shape.entries),
            thousands(shape.ids.len()),
            ms(PAGE_GOAL)
        );
        println!("  {:<40}{:>12}{:>14}", "", names[0], names[1]);
        for (walk, spreads) in rows {
            println!("  {walk:<40}{:>12}{:>14}", ms(spreads[0].p95), ms(spreads[1].p95));
        }
        println!(
            "  {:<40}{:>12}{:>14}   (median, goal ≤ {})",
            format!("opening job seeker {busy} ({} entries)", thousands(shape.busy_entries)),
            ms(opened[0]),
            ms(opened[1]),
            ms(OPEN_GOAL)
        );
        let verdicts: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(index, name)| {
                let page_p95 = first[index].p95.max(walks[index].p95).max(busy_walks[index].p95);
                format!("{name} {}", verdict(page_p95 <= PAGE_GOAL && opened[index] <= OPEN_GOAL))
            })
            .collect();
        println!(
            "  PostgreSQL {}seeded by its owner and analysed; its plan uses {KEYSET_INDEX}. Goals: {}.",
            seeded_in.map_or(String::new(), |seconds: f64| format!("{seconds:.1} s to seed, ")),
            verdicts.join(", ")
        );
        crate::machine::report("after");
    }
    Ok(())
}

/// The backends in the order of this round: with two, each goes first every other round, so that neither
/// always meets the other's leftovers in the machine's caches. Yields each with its index in `backends`.
fn in_turn(backends: &mut [Backend], round: usize) -> impl Iterator<Item = (usize, &mut Backend)> {
    let count = backends.len();
    let mut indexed: Vec<(usize, &mut Backend)> = backends.iter_mut().enumerate().collect();
    if round % 2 == 1 {
        indexed.reverse();
    }
    debug_assert_eq!(indexed.len(), count);
    indexed.into_iter()
}

/// Prepares, seeds (with `shape`'s options, as the owner) and analyses the team database, checks that it has
/// the SQLite file's shape and that its plan uses the keyset index, and connects as the application's role.
/// Returns the backend and how long seeding took.
fn postgres_backend(team: &TeamDatabase, shape: &Shape) -> Result<(Backend, Option<f64>), Failure> {
    team.prepare()?;
    let mut seeded_in = None;
    {
        let owner_pool = db::open(&db::Location::Postgres(team.owner_url.clone()))?;
        let mut owner = db::connection(&owner_pool)?;
        if seed::job_seeker_history_count(&mut owner)? == 0 {
            let options = shape.options()?;
            println!(
                "Seeding PostgreSQL ({}) with the same shape: {} job seekers, {} History entries …",
                db::Location::Postgres(team.owner_url.clone()).describe(),
                thousands(options.job_seekers),
                thousands(options.history)
            );
            let started = Instant::now();
            seed::seed(&mut owner, &options, chrono::Utc::now())?;
            let seconds = started.elapsed().as_secs_f64();
            println!("Seeded PostgreSQL in {seconds:.1} s (multi-row INSERTs in one transaction, then ANALYZE).");
            seeded_in = Some(seconds);
        }
    }
    let pool = db::open(&db::Location::Postgres(team.app_url()?))?;
    let mut postgres = Backend { name: "PostgreSQL", conn: db::connection(&pool)? };
    let theirs = Shape::read(&mut postgres.conn)?;
    if theirs != *shape {
        return Err(Failure::Check(format!(
            "the PostgreSQL database does not have the SQLite file's shape: {} job seekers, {} History entries, job \
             seeker {} with {} (SQLite: {}, {}, {} with {}); drop it or seed both alike",
            theirs.ids.len(),
            theirs.entries,
            theirs.busy,
            theirs.busy_entries,
            shape.ids.len(),
            shape.entries,
            shape.busy,
            shape.busy_entries
        )));
    }
    let plan = history::page_plan(&mut postgres.conn)?;
    for line in &plan {
        println!("Query plan (PostgreSQL): {line}");
    }
    let indexes: Vec<&str> = plan
        .iter()
        .filter_map(|line| line.split_once(" using "))
        .map(|(_, rest)| rest.split_whitespace().next().unwrap_or_default())
        .collect();
    println!("PostgreSQL's plan reads the index{} {}", if indexes.len() == 1 { "" } else { "es" }, indexes.join(", "));
    if !indexes.contains(&KEYSET_INDEX) {
        return Err(Failure::Check(format!("PostgreSQL does not plan the History page on {KEYSET_INDEX}")));
    }
    Ok((postgres, seeded_in))
}

/// The open figure of one backend.
#[derive(Default)]
struct Opening {
    opens: Vec<Duration>,
    gets: Vec<Duration>,
}

impl Opening {
    fn open(&mut self, conn: &mut DbConn, busy: i32) -> Result<(), Failure> {
        let zone = UserZone::default();
        let started = Instant::now();
        let detail = job_seekers::get(conn, busy, zone)?;
        let got = started.elapsed();
        let request = HistoryPageRequest { job_seeker_id: detail.id, kind: None, requisition_id: None, after: None };
        let page = history::page(conn, &request, PER_PAGE, zone)?;
        self.opens.push(started.elapsed());
        self.gets.push(got);
        if page.entries.len() != usize::from(PER_PAGE) {
            return Err(Failure::Check(format!("job seeker {busy}'s first page has {} rows", page.entries.len())));
        }
        Ok(())
    }
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

/// Page times through the app and by the raw query, over the same pages, on one backend.
#[derive(Default)]
struct Timings {
    core: Vec<Duration>,
    raw: Vec<Duration>,
    rows: usize,
}

impl Timings {
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

    /// p50 and p95 of the app and of the raw query, and the rows per page on average.
    fn spreads(&mut self) -> (Spread, Spread, f64) {
        let pages = self.core.len();
        let per_page = if pages == 0 { 0.0 } else { self.rows as f64 / pages as f64 };
        (Spread::new(&mut self.core), Spread::new(&mut self.raw), per_page)
    }
}

/// One walk's [`Timings`], per backend (in the order of the backends).
struct Series {
    timings: Vec<Timings>,
}

impl Series {
    fn new(backends: usize) -> Series {
        Series { timings: (0..backends).map(|_| Timings::default()).collect() }
    }

    /// Prints p50 and p95 both ways and their ratio, per backend (labelled when there are several), and with
    /// several the app's ratio of each backend to the first; returns the app's figures per backend.
    fn report(mut self, title: &str, names: &[&str]) -> Vec<Spread> {
        let ratio = |core: Duration, raw: Duration| core.as_secs_f64() / raw.as_secs_f64().max(f64::MIN_POSITIVE);
        let pages = self.timings.first().map_or(0, |timings| timings.core.len());
        let spreads: Vec<(Spread, Spread, f64)> = self.timings.iter_mut().map(Timings::spreads).collect();
        let per_page = spreads.first().map_or(0.0, |spread| spread.2);
        if let [(core, raw, _)] = spreads[..] {
            println!("{title}: {} pages, {per_page:.1} rows per page on average", thousands(pages));
            println!("  {:<26}{:>11}{:>11}", "", "p50", "p95");
            println!("  {:<26}{:>11}{:>11}", "history::page (the app)", ms(core.p50), ms(core.p95));
            println!("  {:<26}{:>11}{:>11}", "raw SQL keyset query", ms(raw.p50), ms(raw.p95));
            println!(
                "  {:<26}{:>11.2}{:>11.2}\n",
                "ratio app / raw",
                ratio(core.p50, raw.p50),
                ratio(core.p95, raw.p95)
            );
            return vec![core];
        }
        println!("{title}: {} pages on each backend, {per_page:.1} rows per page on average", thousands(pages));
        println!("  {:<38}{:>11}{:>11}", "", "p50", "p95");
        for (name, (core, raw, _)) in names.iter().zip(&spreads) {
            println!("  {:<38}{:>11}{:>11}", format!("{name:<12}history::page (the app)"), ms(core.p50), ms(core.p95));
            println!("  {:<38}{:>11}{:>11}", format!("{name:<12}raw SQL keyset query"), ms(raw.p50), ms(raw.p95));
            let (p50, p95) = (ratio(core.p50, raw.p50), ratio(core.p95, raw.p95));
            println!("  {:<38}{p50:>11.2}{p95:>11.2}", format!("{name:<12}ratio app / raw"));
        }
        let baseline = spreads[0].0;
        for (name, (core, _, _)) in names.iter().zip(&spreads).skip(1) {
            let (p50, p95) = (ratio(core.p50, baseline.p50), ratio(core.p95, baseline.p95));
            println!("  {:<38}{p50:>11.2}{p95:>11.2}", format!("ratio {name} / {} (the app)", names[0]));
        }
        println!();
        spreads.into_iter().map(|(core, _, _)| core).collect()
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
pub(crate) fn percentile(samples: &mut [Duration], percent: usize) -> Duration {
    samples.sort_unstable();
    let rank = (samples.len() * percent).div_ceil(100).max(1);
    samples.get(rank - 1).copied().unwrap_or_default()
}

fn max(samples: &[Duration]) -> Duration {
    samples.iter().copied().max().unwrap_or_default()
}

pub(crate) fn ms(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1000.0)
}

pub(crate) fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

/// SplitMix64, to pick job seekers (and the concurrency bench's applications) without a random-number crate;
/// fixed seeds, so runs pick the same ones.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        usize::try_from((u128::from(z) * n as u128) >> 64).unwrap_or(0)
    }
}

//! `hiredesk-tools`: benchmark chores that need the core. They live here rather than in `xtask` so that
//! `xtask` stays dependency-free; `cargo xtask seed` and `cargo xtask bench history` build this in release
//! mode and run it.
//!
//! - `hiredesk-tools seed [--job-seekers N] [--history M] [--busy-history K] [--data-dir DIR]`: fill an empty
//!   data directory with synthetic data (`hiredesk_core::seed`).
//! - `hiredesk-tools bench-history [--data-dir DIR] [--postgres URL]`: time the History tab on that data, seeding
//!   it first when the directory has no database; with `--postgres`, on PostgreSQL beside it.
//! - `hiredesk-tools bench-search [--data-dir DIR]`: time the search box on that data (`bench_search.rs`).
//! - `hiredesk-tools bench-concurrency --postgres URL [--seconds S]`: clients writing notes at once on PostgreSQL
//!   (each its own process, `bench-concurrency-client`), beside one on SQLite.
//! - `hiredesk-tools bench-team --postgres URL --server PATH [--seconds S]`: 50 simulated desktops against a real
//!   `hiredesk-server` on 127.0.0.1, beside the same mix through the core in-process (`bench_team.rs`).
//! - `hiredesk-tools bench-export [--data-dir DIR] [--runs N]`: the app's Excel export of 1,000,000 History rows
//!   beside rust_xlsxwriter used directly, each in its own child process (`bench-export-side`).
//! - `hiredesk-tools bench-ui --hiredesk PATH --data-dir DIR [--runs N]`: click to paint in the release app
//!   through WebDriver, on the seeded data (`bench_ui.rs`).
//! - `hiredesk-tools bench-memory --hiredesk PATH --minimal PATH --data-dir DIR [--runs N]`: idle memory of the
//!   release app on its sign-in form and on the busiest job seeker, beside the minimal window (`bench_memory.rs`).
//! - `hiredesk-tools prepare-team --postgres URL [--app-role ROLE]`: migrate an empty team database and grant
//!   the application's role (`cargo xtask run --team-demo`).
//! - `hiredesk-tools move-to-team --data-dir DIR --to POSTGRES_URL [--app-role ROLE]` and
//!   `hiredesk-tools move-to-solo --from POSTGRES_URL --data-dir DIR`: move a whole database between a data
//!   folder's SQLite file and a team's PostgreSQL database (`hiredesk_core::db::transfer`), printing the row
//!   counts and History checksum verified on both sides (`transfer.rs`).

mod bench_concurrency;
mod bench_export;
mod bench_history;
mod bench_memory;
mod bench_search;
mod bench_team;
mod bench_ui;
mod driver;
mod failure;
mod machine;
mod processes;
mod team;
mod transfer;

use failure::Failure;
use hiredesk_core::db;
use hiredesk_core::seed::{self, SeedOptions, Seeded};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
Usage: hiredesk-tools <command>

  seed [--job-seekers N] [--history M] [--busy-history K] [--notes L] [--data-dir DIR]
      fill an empty data directory with N job seekers (default 100,000) and M History entries (default
      1,000,000), one job seeker having K of them (default 10,000), and L notes and tasks (default 200,000)
  bench-history [--data-dir DIR] [--postgres URL [--app-role ROLE]]
      time History pages and opening the busiest job seeker; seeds the defaults first if DIR has no database;
      with --postgres (an empty database, by its owner's URL) the same on PostgreSQL beside it, seeded alike
  bench-search [--data-dir DIR]
      time 200 queries of the search box beside the bare full-text queries, the indexes' size and build time,
      and a note save with and without them; seeds the defaults first if DIR has no database
  bench-concurrency --postgres URL [--app-role ROLE] [--seconds S] [--data-dir DIR]
      1, 4 and 16 client processes writing notes for S seconds each (default 30) on PostgreSQL, and 1 on a
      SQLite file in DIR (default target/bench-concurrency-data, emptied first); every write is checked after
  bench-team --postgres URL [--app-role ROLE] --server PATH [--seconds S]
      50 desktops running a recruiter's mix (job seeker, History page, note, To-Do) for S seconds (default 60)
      against the hiredesk-server binary at PATH on 127.0.0.1, then in-process through the core on the same
      database: requests/s, p50/p95/p99, errors and the ratio
  bench-export [--data-dir DIR] [--runs N]
      export one job seeker's 1,000,000 History entries to .xlsx through the app and through rust_xlsxwriter
      directly, N rounds (default 3); seeds its own data set first if DIR has no database (DIR defaults to
      target/seed-export-data)
  bench-ui --hiredesk PATH --data-dir DIR [--runs N]
      from click to paint in the app at PATH (a release build, driven through tauri-driver on this display
      and session bus) on the seeded DIR: the job seeker list, the busiest job seeker, its History pages; N runs
      each (default 20) beside the core's time for the same requests
  bench-memory --hiredesk PATH --minimal PATH --data-dir DIR [--runs N]
      idle RSS and PSS of the app at PATH on its sign-in form and on DIR's busiest job seeker's History, beside
      the minimal Tauri window at PATH, N rounds (default 3)
  prepare-team --postgres URL [--app-role ROLE]
      migrate the empty PostgreSQL database at URL (its owner's) for the application's role ROLE (default
      hiredesk_app) and print the URL the desktop connects with
  move-to-team --data-dir DIR --to POSTGRES_URL [--app-role ROLE]
      copy DIR's solo database (only read) into the empty PostgreSQL database at POSTGRES_URL, a URL of the role
      that owns it; prepares it for the application's role ROLE (default hiredesk_app); prints the row counts and
      History checksum verified on both sides, and keeps nothing when they differ
  move-to-solo --from POSTGRES_URL --data-dir DIR
      copy the team database at POSTGRES_URL into a new solo database in DIR (which must not have one), verified
      the same way

DIR defaults to target/seed-data except where said.";

const DEFAULT_DATA_DIR: &str = "target/seed-data";
const DEFAULT_EXPORT_DATA_DIR: &str = "target/seed-export-data";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("seed") => parse(&args[1..], true).and_then(|(data_dir, options)| seed(&data_dir, &options).map(drop)),
        Some("bench-history") => bench_history::main(&args[1..]),
        Some("bench-search") => bench_search::main(&args[1..]),
        Some("bench-concurrency") => bench_concurrency::main(&args[1..]),
        Some("bench-concurrency-client") => bench_concurrency::client(&args[1..]),
        Some("bench-team") => bench_team::main(&args[1..]),
        Some("bench-export") => {
            parse_bench_export(&args[1..]).and_then(|(data_dir, runs)| bench_export::run(&data_dir, runs))
        }
        Some("bench-export-side") => bench_export::side(&args[1..]),
        Some("bench-ui") => bench_ui::main(&args[1..]),
        Some("bench-memory") => bench_memory::main(&args[1..]),
        Some("prepare-team") => team::prepare_main(&args[1..]),
        Some("move-to-team") => transfer::to_team(&args[1..]),
        Some("move-to-solo") => transfer::to_solo(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}\n\n{USAGE}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hiredesk-tools: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The data directory and, for `seed`, the sizes; `--flag value` pairs in any order.
fn parse(args: &[String], seed_options: bool) -> Result<(PathBuf, SeedOptions), Failure> {
    let mut data_dir = PathBuf::from(DEFAULT_DATA_DIR);
    let mut options = SeedOptions::default();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value\n\n{USAGE}")))?;
        let count = || {
            value
                .replace(['_', ','], "")
                .parse::<usize>()
                .map_err(|_| Failure::Usage(format!("{flag} takes a whole number, not {value:?}")))
        };
        match flag.as_str() {
            "--data-dir" => data_dir = PathBuf::from(value),
            "--job-seekers" if seed_options => options.job_seekers = count()?,
            "--history" if seed_options => options.history = count()?,
            "--busy-history" if seed_options => options.busy_history = count()?,
            "--notes" if seed_options => options.notes = count()?,
            _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{USAGE}"))),
        }
    }
    Ok((data_dir, options))
}

/// `bench-export`'s data directory and number of rounds.
fn parse_bench_export(args: &[String]) -> Result<(PathBuf, usize), Failure> {
    let (mut data_dir, mut runs) = (PathBuf::from(DEFAULT_EXPORT_DATA_DIR), 3);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value\n\n{USAGE}")))?;
        match flag.as_str() {
            "--data-dir" => data_dir = PathBuf::from(value),
            "--runs" => {
                runs = value.parse::<usize>().ok().filter(|runs| *runs >= 1).ok_or_else(|| {
                    Failure::Usage(format!("--runs takes a whole number of at least 1, not {value:?}"))
                })?;
            }
            _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{USAGE}"))),
        }
    }
    Ok((data_dir, runs))
}

/// Seeds `data_dir` through the core's own `db::open` (so migrations apply as in the app) and reports it.
fn seed(data_dir: &Path, options: &SeedOptions) -> Result<Seeded, Failure> {
    println!(
        "Seeding {} with {} requisitions, {} job seekers, {} History entries (one job seeker with {}) and {} notes …",
        data_dir.display(),
        thousands(options.requisitions),
        thousands(options.job_seekers),
        thousands(options.history),
        thousands(options.busy_history),
        thousands(options.notes)
    );
    let started = Instant::now();
    let pool = db::open(&db::Location::in_data_dir(data_dir))?;
    let mut conn = db::connection(&pool)?;
    let seeded = seed::seed(&mut conn, options, chrono::Utc::now())?;
    let elapsed = started.elapsed();
    let size = std::fs::metadata(data_dir.join(db::DATABASE_FILE)).map(|metadata| metadata.len()).unwrap_or(0);
    println!(
        "Seeded in {:.1} s: {} requisitions, {} job seekers, {} applications, {} History entries ({:.0} MB).",
        elapsed.as_secs_f64(),
        thousands(seeded.requisitions),
        thousands(seeded.job_seekers),
        thousands(seeded.applications),
        thousands(seeded.history),
        size as f64 / 1e6
    );
    println!("Job seeker with {} History entries: id {}", thousands(options.busy_history), seeded.busy_job_seeker_id);
    println!("Administrator: {}  password: {}", seed::ADMINISTRATOR_EMAIL, seed::ADMINISTRATOR_PASSWORD);
    println!("Open it in the app: cargo xtask run --release -- --data-dir {}", data_dir.display());
    Ok(seeded)
}

/// 1234567 as "1,234,567".
fn thousands(value: impl ToString) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

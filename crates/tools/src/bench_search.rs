//! `bench-search`: how fast the one search box answers on the seeded data set (100,000 job seekers, 1,000,000
//! History entries, 200,000 notes), through the function the app calls, next to the bare full-text queries
//! of the same words on the same file in the same run; what the indexes cost in disk and in building them;
//! and what they add to saving a note.
//!
//! - 200 realistic queries (names and their prefixes, words of notes and History, filters alone and with
//!   words) through `search::search`, after a warm-up: p50 and p95. Goal: p95 ≤ 20 ms. Beside it, for the
//!   queries with words, the raw FTS5 MATCH of each index (rowid and rank, the same limit, no join, filter or
//!   marking), summed over the five indexes, and the ratio.
//! - The indexes' size on disk (`dbstat`), and the time to build them from scratch (`search::rebuild_indexes`,
//!   in one transaction).
//! - One note save through `Hiredesk::call`, the indexes kept by their triggers, beside the same save on a
//!   copy of the file whose search triggers are dropped, alternating; the ratio of the medians. Goal: ≤ 1.3.

use crate::bench_history::{ms, percentile, verdict, Rng};
use crate::failure::Failure;
use crate::thousands;
use hiredesk_core::db::{self, DbConn};
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::time::UserZone;
use hiredesk_core::{search, Hiredesk, HiredeskConfig};
use hiredesk_wire::{SaveNoteRequest, SearchRequest, SignInRequest};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const QUERIES: usize = 200;
const WARM_UP: usize = 50;
const SAVES: usize = 200;
const SEARCH_GOAL: Duration = Duration::from_millis(20);
const SAVE_GOAL: f64 = 1.3;

const FIRST_NAMES: [&str; 8] = ["Olivia", "Mateo", "Priya", "Kenji", "Fatima", "Diego", "Leila", "Tomas"];
const LAST_NAMES: [&str; 8] = ["Nguyen", "Patel", "Garcia", "Kowalski", "Okonkwo", "Cohen", "Murphy", "Kim"];
const NOTE_WORDS: [&str; 12] = [
    "relocating denver",
    "night shift",
    "bilingual spanish",
    "acls certified",
    "visa sponsorship",
    "competing offer",
    "references positive",
    "hybrid schedule",
    "licensed colorado",
    "voicemail",
    "career fair",
    "weekend",
];
const HISTORY_WORDS: [&str; 6] =
    ["stage changed interview", "applied registered nurse", "phlebotomist", "disposition withdrew", "sonog", "hired"];
const FILTERED: [&str; 10] = [
    "stage:offer",
    "by:avery",
    "stage:offer nurse",
    "task:overdue",
    "task:open references",
    "req:\"Lab Technician\" bilingual",
    "by:avery denver",
    "after:2026-01-01 relocating",
    "stage:interview night shift",
    "before:2025-01-01 visa",
];

/// `bench-search [--data-dir DIR]`.
pub fn main(args: &[String]) -> Result<(), Failure> {
    let mut data_dir = PathBuf::from(crate::DEFAULT_DATA_DIR);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value\n\n{}", crate::USAGE)))?;
        match flag.as_str() {
            "--data-dir" => data_dir = PathBuf::from(value),
            _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{}", crate::USAGE))),
        }
    }
    run(&data_dir)
}

/// The 200 queries, the same every run: a fifth each of names, note words, History words, filters, and name
/// prefixes of two to four letters.
fn queries() -> Vec<String> {
    let mut rng = Rng(0x7365_6172_6368);
    let mut pick = |from: &[&str]| from[rng.below(from.len())].to_owned();
    (0..QUERIES)
        .map(|n| match n % 5 {
            0 => format!("{} {}", pick(&FIRST_NAMES), pick(&LAST_NAMES)),
            1 => pick(&NOTE_WORDS),
            2 => pick(&HISTORY_WORDS),
            3 => pick(&FILTERED),
            _ => {
                let name = pick(&LAST_NAMES).to_lowercase();
                name.chars().take(2 + n % 3).collect()
            }
        })
        .collect()
}

pub fn run(data_dir: &Path) -> Result<(), Failure> {
    if !data_dir.join(db::DATABASE_FILE).exists() {
        println!("{} has no database: seeding the benchmark data set first.\n", data_dir.display());
        crate::seed(data_dir, &SeedOptions::default())?;
        println!();
    }
    let pool = db::open(&db::Location::in_data_dir(data_dir))?;
    let mut conn = db::connection(&pool)?;
    let notes = seed::note_count(&mut conn)?;
    if notes == 0 {
        return Err(Failure::Check(format!(
            "{} has no notes (seeded before notes were): seed a fresh one with `rm -r {} && cargo xtask seed`",
            data_dir.display(),
            data_dir.display()
        )));
    }
    println!(
        "Search benchmark on {}: {} job seekers, {} History entries, {} notes.",
        data_dir.join(db::DATABASE_FILE).display(),
        thousands(seed::job_seeker_ids(&mut conn)?.len()),
        thousands(seed::job_seeker_history_count(&mut conn)?),
        thousands(notes)
    );

    let (zone, now) = (UserZone::default(), chrono::Utc::now());
    let queries = queries();
    let ask = |conn: &mut DbConn, query: &str| {
        let request = SearchRequest { query: query.to_owned(), per_kind: None };
        search::search(conn, &request, zone, now)
    };
    for query in queries.iter().take(WARM_UP) {
        ask(&mut conn, query)?;
        raw(&mut conn, query)?;
    }
    let (mut app, mut bare, mut app_with_words) = (Vec::new(), Vec::new(), Vec::new());
    let mut each: Vec<(Duration, &str)> = Vec::new();
    let mut hits = 0;
    for (round, query) in queries.iter().enumerate() {
        let words = !search::query::parse(query).map(|parsed| parsed.words.is_empty()).unwrap_or(true);
        let mut app_side = |conn: &mut DbConn| -> Result<(), Failure> {
            let started = Instant::now();
            let answer = ask(conn, query)?;
            let took = started.elapsed();
            hits += answer.groups.iter().map(|group| group.hits.len()).sum::<usize>();
            app.push(took);
            each.push((took, query.as_str()));
            if words {
                app_with_words.push(took);
            }
            Ok(())
        };
        // Alternate which side goes first, so cache warmth favours neither.
        if round % 2 == 0 {
            app_side(&mut conn)?;
        }
        if words {
            let started = Instant::now();
            raw(&mut conn, query)?;
            bare.push(started.elapsed());
        }
        if round % 2 == 1 {
            app_side(&mut conn)?;
        }
    }
    let (p50, p95) = (percentile(&mut app, 50), percentile(&mut app, 95));
    let (words_p50, words_p95) = (percentile(&mut app_with_words, 50), percentile(&mut app_with_words, 95));
    let (bare_p50, bare_p95) = (percentile(&mut bare, 50), percentile(&mut bare, 95));
    println!("\n{QUERIES} queries through search::search ({} hits in all):", thousands(hits));
    println!("  all queries          p50 {}  p95 {}", ms(p50), ms(p95));
    println!(
        "  the {} with words    p50 {}  p95 {}   raw FTS5 MATCH of the five indexes p50 {}  p95 {}   ratio p95 {:.2}",
        app_with_words.len(),
        ms(words_p50),
        ms(words_p95),
        ms(bare_p50),
        ms(bare_p95),
        ratio(words_p95, bare_p95)
    );

    each.sort_unstable_by_key(|(took, _)| std::cmp::Reverse(*took));
    let slowest: Vec<String> = each.iter().take(5).map(|(took, query)| format!("{query:?} {}", ms(*took))).collect();
    println!("  slowest: {}", slowest.join(", "));

    let size = search::index_size(&mut conn)?;
    let file = std::fs::metadata(data_dir.join(db::DATABASE_FILE)).map(|metadata| metadata.len()).unwrap_or(0);
    let started = Instant::now();
    search::rebuild_indexes(&mut conn)?;
    let rebuilt = started.elapsed();
    println!(
        "\nIndexes: {:.1} MB of the {:.1} MB file; built from scratch in {:.1} s",
        size as f64 / 1e6,
        file as f64 / 1e6,
        rebuilt.as_secs_f64()
    );
    drop(conn);
    drop(pool);

    let (with, without) = note_saves(data_dir)?;
    let save_ratio = ratio(with, without);
    println!(
        "\nOne note save through Hiredesk::call, median of {SAVES}: with the indexes {}, without {}; ratio \
         {save_ratio:.2}",
        ms(with),
        ms(without)
    );

    println!("\nGoals:");
    println!("  search p95 ≤ {}: {}  — {}", ms(SEARCH_GOAL), ms(p95), verdict(p95 <= SEARCH_GOAL));
    println!("  note save ≤ {SAVE_GOAL}× without the index: {save_ratio:.2}×  — {}", verdict(save_ratio <= SAVE_GOAL));
    Ok(())
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// The bare FTS5 queries of the query's words: each index's best matches (rowid and rank), the limit the
/// search uses.
fn raw(conn: &mut DbConn, query: &str) -> Result<usize, Failure> {
    let Ok(parsed) = search::query::parse(query) else { return Ok(0) };
    if parsed.words.is_empty() {
        return Ok(0);
    }
    Ok(seed::search_baseline(conn, &parsed.words, 6)?)
}

/// Median note save with the search triggers and without them (on a copy of the file with them dropped).
fn note_saves(data_dir: &Path) -> Result<(Duration, Duration), Failure> {
    let copy = tempdir(data_dir)?;
    {
        let pool = db::open(&db::Location::in_data_dir(data_dir))?;
        let mut conn = db::connection(&pool)?;
        let target = copy.join(db::DATABASE_FILE);
        seed::copy_without_search_triggers(&mut conn, &target)?;
    }
    let with = Desk::open(data_dir)?;
    let without = Desk::open(&copy)?;
    let (mut with_times, mut without_times) = (Vec::new(), Vec::new());
    for round in 0..SAVES {
        if round % 2 == 0 {
            with_times.push(with.save(round)?);
            without_times.push(without.save(round)?);
        } else {
            without_times.push(without.save(round)?);
            with_times.push(with.save(round)?);
        }
    }
    let _ = std::fs::remove_dir_all(&copy);
    Ok((percentile(&mut with_times, 50), percentile(&mut without_times, 50)))
}

fn tempdir(data_dir: &Path) -> Result<PathBuf, Failure> {
    let copy = data_dir.with_file_name(format!(
        "{}-without-search",
        data_dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).map_err(|error| Failure::Check(format!("{}: {error}", copy.display())))?;
    Ok(copy)
}

/// A desk signed in as the seeded Administrator, saving notes on the first application.
struct Desk {
    desk: Hiredesk,
    token: String,
    application_id: i32,
}

impl Desk {
    fn open(data_dir: &Path) -> Result<Desk, Failure> {
        let desk = Hiredesk::open(&HiredeskConfig::new(data_dir))?;
        let request =
            SignInRequest { email: seed::ADMINISTRATOR_EMAIL.into(), password: seed::ADMINISTRATOR_PASSWORD.into() };
        let token = desk.call_public(&request)?.token;
        Ok(Desk { desk, token, application_id: 1 })
    }

    fn save(&self, round: usize) -> Result<Duration, Failure> {
        let request = SaveNoteRequest {
            id: None,
            application_id: self.application_id,
            text: format!("Benchmark note {round}: mentioned relocating to Denver, bilingual in Spanish."),
            is_task: false,
            due_date: String::new(),
            client_key: None,
            written_at: None,
        };
        let started = Instant::now();
        self.desk.call(&self.token, &request)?;
        Ok(started.elapsed())
    }
}

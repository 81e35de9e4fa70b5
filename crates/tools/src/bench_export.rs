//! `bench-export`: how the app's Export to Excel of History does on 1,000,000 rows, next to rust_xlsxwriter
//! used directly on the same rows in the same run.
//!
//! What is exported, and why that scope: the app exports one job seeker's History with the tab's filters
//! (`Hiredesk::export_history`, the very method the `export_history` command calls: session check, the
//! register of running exports that the progress bar reads, and the History line included). So the benchmark
//! seeds its own data directory with one job seeker who has 1,000,000 History entries (plus a thousand
//! ordinary job seekers) and exports that job seeker's whole History without filters — the app's largest
//! export, through the app's own code, rather than a "whole database" scope that the app does not have.
//!
//! The baseline reads the same rows from the same database in the same keyset batches (`history::rows`) and
//! writes them with rust_xlsxwriter directly, in constant-memory mode, as stored: the instant as a UTC date
//! cell, the kind's stored name, the JSON details as text. What the app adds on top is its rendering (the
//! user's time zone, kind labels, the old → new text of the changes, formats, the autofilter) and its
//! bookkeeping (the session check, the History line). Both give cells their formats by column, the quicker
//! way with rust_xlsxwriter (a per-cell format is looked up by hashing the whole `Format`).
//!
//! Measured on the 2-core development machine (November 2026): app 4.6–4.7 s, baseline 4.5–4.6 s, ratio
//! 0.99–1.03, peak RSS about 12.3 MB each. Before the app wrote its formats by column, parsed the changes into
//! borrowed fields and skipped the zone abbreviation, it took 6.1 s (ratio 1.30): `perf` showed SipHash and
//! `memcmp` of `Format` look-ups, serde_json `Value` maps and per-row allocations as the difference.
//!
//! Each side runs in its own child process (this binary, `bench-export-side`), which reports the time of the
//! export alone and its own peak resident set size (`VmHWM` in /proc/self/status, Linux), so the two figures
//! never mix. After one unmeasured warm-up export, sides alternate over several rounds and the medians are
//! reported. Goals: time ratio ≤ 1.2,
//! peak RSS ≤ 50 MB. The UI-side goal (the progress bar moves throughout) is covered by the end-to-end test
//! of the export progress bar, not here.

use crate::failure::Failure;
use crate::thousands;
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::{db, export, history, Hiredesk, HiredeskConfig};
use hiredesk_wire::{ExportHistoryRequest, HistoryCursor, HistoryPageRequest, SignInRequest};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The data set: one job seeker with a million History entries among a thousand ordinary ones.
pub const EXPORT_SEED: SeedOptions =
    SeedOptions { requisitions: 50, job_seekers: 1_000, history: 1_020_000, busy_history: 1_000_000, notes: 0 };

const ROWS_GOAL: i64 = 1_000_000;
const RATIO_GOAL: f64 = 1.2;
/// 50 MB, in bytes.
const PEAK_GOAL: u64 = 50_000_000;

pub fn run(data_dir: &Path, runs: usize) -> Result<(), Failure> {
    if !data_dir.join(db::DATABASE_FILE).exists() {
        println!("{} has no database: seeding the export benchmark's data set first.\n", data_dir.display());
        crate::seed(data_dir, &EXPORT_SEED)?;
        println!();
    }
    let (job_seeker_id, entries) = {
        let pool = db::open(&db::Location::in_data_dir(data_dir))?;
        let mut conn = db::connection(&pool)?;
        seed::busiest_job_seeker(&mut conn)?
            .ok_or_else(|| Failure::Check("the database has no History entries".to_owned()))?
    };
    if entries < ROWS_GOAL {
        return Err(Failure::Check(format!(
            "job seeker {job_seeker_id} has only {} History entries; give `bench-export` an empty --data-dir to seed",
            thousands(entries)
        )));
    }
    // Signing in hashes with argon2id (19 MiB): done here, once, so neither measured process pays for it.
    let desk = Hiredesk::open(&HiredeskConfig::new(data_dir))?;
    let token = desk
        .call_public(&SignInRequest {
            email: seed::ADMINISTRATOR_EMAIL.to_owned(),
            password: seed::ADMINISTRATOR_PASSWORD.to_owned(),
        })?
        .token;
    let out_dir = data_dir.join("exports");
    std::fs::create_dir_all(&out_dir).map_err(|error| Failure::Check(format!("{}: {error}", out_dir.display())))?;

    println!(
        "Export benchmark on {}: job seeker {job_seeker_id}'s {} History entries to .xlsx, {runs} rounds, \
        sides alternating.",
        data_dir.join(db::DATABASE_FILE).display(),
        thousands(entries)
    );
    // One unmeasured export first, so that the first measured side does not alone pay for reading the
    // database file into the operating system's cache.
    let warm_up = out_dir.join("warm-up.xlsx");
    spawn_side(Side::Baseline, data_dir, job_seeker_id, &token, &warm_up)?;
    let _ = std::fs::remove_file(&warm_up);
    let (mut app, mut baseline) = (Vec::new(), Vec::new());
    for round in 0..runs {
        let order = if round % 2 == 0 { [Side::App, Side::Baseline] } else { [Side::Baseline, Side::App] };
        for side in order {
            let out = out_dir.join(format!("{}.xlsx", side.name()));
            let report = spawn_side(side, data_dir, job_seeker_id, &token, &out)?;
            let size = std::fs::metadata(&out).map(|metadata| metadata.len()).unwrap_or(0);
            let _ = std::fs::remove_file(&out);
            // The app's export adds one History line per run, so later runs have a row or two more.
            if report.rows < entries as u64 || report.rows > entries as u64 + 2 * runs as u64 {
                return Err(Failure::Check(format!(
                    "the {} side wrote {} rows, not {entries}",
                    side.name(),
                    report.rows
                )));
            }
            println!(
                "  round {}: {:<9} {:>9} ms   peak RSS {:>6.1} MB   {} rows, {:.1} MB file",
                round + 1,
                side.name(),
                report.elapsed.as_millis(),
                megabytes(report.peak),
                thousands(report.rows),
                size as f64 / 1e6
            );
            if side == Side::App { &mut app } else { &mut baseline }.push(report);
        }
    }
    desk.call(&token, &hiredesk_wire::SignOutRequest {})?;

    let time = |reports: &mut Vec<Report>| {
        reports.sort_by_key(|report| report.elapsed);
        reports[reports.len() / 2].elapsed
    };
    let (app_time, baseline_time) = (time(&mut app), time(&mut baseline));
    let peak = |reports: &[Report]| reports.iter().filter_map(|report| report.peak).max();
    let (app_peak, baseline_peak) = (peak(&app), peak(&baseline));
    let ratio = app_time.as_secs_f64() / baseline_time.as_secs_f64().max(f64::MIN_POSITIVE);
    println!("\nMedian of {runs} runs each; peak RSS is the largest seen:");
    println!("  {:<44}{:>10}{:>14}", "", "time", "peak RSS");
    println!("  {:<44}{:>10}{:>14}", "Hiredesk::export_history (the app)", ms(app_time), mb(app_peak));
    println!("  {:<44}{:>10}{:>14}", "rust_xlsxwriter directly, constant memory", ms(baseline_time), mb(baseline_peak));
    println!("  {:<44}{:>10.2}", "ratio app / baseline", ratio);
    println!("\nGoals:");
    println!("  time ratio ≤ {RATIO_GOAL:.1}: {ratio:.2}  — {}", verdict(ratio <= RATIO_GOAL));
    match app_peak {
        Some(app_peak) => println!(
            "  peak RSS of the app's export ≤ {}: {}  — {}",
            mb(Some(PEAK_GOAL)),
            mb(Some(app_peak)),
            verdict(app_peak <= PEAK_GOAL)
        ),
        None => println!("  peak RSS ≤ {}: not measured (needs /proc/self/status)", mb(Some(PEAK_GOAL))),
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    App,
    Baseline,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::App => "app",
            Side::Baseline => "baseline",
        }
    }
}

/// What one child reported.
struct Report {
    rows: u64,
    elapsed: Duration,
    /// Bytes; `None` where the platform does not say.
    peak: Option<u64>,
}

fn spawn_side(side: Side, data_dir: &Path, job_seeker_id: i32, token: &str, out: &Path) -> Result<Report, Failure> {
    let this = std::env::current_exe().map_err(|error| Failure::Check(format!("this program's path: {error}")))?;
    let output = Command::new(this)
        .args(["bench-export-side", side.name(), "--data-dir"])
        .arg(data_dir)
        .args(["--job-seeker", &job_seeker_id.to_string(), "--token", token, "--out"])
        .arg(out)
        .output()
        .map_err(|error| Failure::Check(format!("the {} side did not start: {error}", side.name())))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(Failure::Check(format!(
            "the {} side failed: {}{}",
            side.name(),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let field = |name: &str| {
        stdout.split_whitespace().skip_while(|word| *word != name).nth(1).and_then(|value| value.parse::<u64>().ok())
    };
    match (field("rows"), field("micros")) {
        (Some(rows), Some(micros)) => {
            Ok(Report { rows, elapsed: Duration::from_micros(micros), peak: field("peak-kib").map(|kib| kib * 1024) })
        }
        _ => Err(Failure::Check(format!("the {} side reported {stdout:?}", side.name()))),
    }
}

/// The child: one export, then `rows N micros T peak-kib P` on stdout.
pub fn side(args: &[String]) -> Result<(), Failure> {
    let usage = || {
        Failure::Usage("bench-export-side app|baseline --data-dir DIR --job-seeker ID --token T --out FILE".to_owned())
    };
    let side = match args.first().map(String::as_str) {
        Some("app") => Side::App,
        Some("baseline") => Side::Baseline,
        _ => return Err(usage()),
    };
    let (mut data_dir, mut job_seeker_id, mut token, mut out) = (None, None, None, None);
    let mut rest = args[1..].iter();
    while let (Some(flag), Some(value)) = (rest.next(), rest.next()) {
        match flag.as_str() {
            "--data-dir" => data_dir = Some(PathBuf::from(value)),
            "--job-seeker" => job_seeker_id = value.parse::<i32>().ok(),
            "--token" => token = Some(value.clone()),
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(usage()),
        }
    }
    let (Some(data_dir), Some(job_seeker_id), Some(token), Some(out)) = (data_dir, job_seeker_id, token, out) else {
        return Err(usage());
    };
    let request = HistoryPageRequest { job_seeker_id, kind: None, requisition_id: None, after: None };
    let (rows, elapsed) = match side {
        Side::App => {
            let desk = Hiredesk::open(&HiredeskConfig::new(&data_dir))?;
            let started = Instant::now();
            let rows = desk.export_history(&token, &ExportHistoryRequest { export_id: 1, history: request }, &out)?;
            (rows, started.elapsed())
        }
        Side::Baseline => {
            let pool = db::open(&db::Location::in_data_dir(&data_dir))?;
            let mut conn = db::connection(&pool)?;
            let started = Instant::now();
            let rows = baseline(&mut conn, &request, &out)?;
            (rows, started.elapsed())
        }
    };
    let peak = peak_kib().map(|kib| format!(" peak-kib {kib}")).unwrap_or_default();
    println!("rows {rows} micros {}{peak}", elapsed.as_micros());
    Ok(())
}

/// The same rows, read in the same batches, written by rust_xlsxwriter directly in constant-memory mode.
fn baseline(conn: &mut db::DbConn, request: &HistoryPageRequest, out: &Path) -> Result<u64, Failure> {
    let xlsx = |error: XlsxError| Failure::Check(format!("rust_xlsxwriter: {error}"));
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet_with_constant_memory().map_err(xlsx)?;
    // The date format by column, the quicker way (as the app does): no per-cell Format look-up.
    worksheet.set_column_format(0, &Format::new().set_num_format("yyyy-mm-dd hh:mm")).map_err(xlsx)?;
    for (column, title) in ["at", "actor_email", "kind", "requisition", "summary", "details"].into_iter().enumerate() {
        worksheet.write_string(0, column as u16, title).map_err(xlsx)?;
    }
    let (mut after, mut written) = (None, 0u64);
    loop {
        let batch = history::rows(conn, request, after, export::BATCH)?;
        let Some(last) = batch.last() else { break };
        after = Some(HistoryCursor { at: last.at, id: last.id });
        for row in &batch {
            written += 1;
            let line = written as u32;
            let at = ExcelDateTime::from_timestamp(row.at.div_euclid(1000)).map_err(xlsx)?;
            worksheet.write_datetime(line, 0, at).map_err(xlsx)?;
            worksheet.write_string(line, 1, &row.actor_email).map_err(xlsx)?;
            worksheet.write_string(line, 2, row.kind.as_str()).map_err(xlsx)?;
            worksheet.write_string(line, 3, row.requisition.as_deref().unwrap_or_default()).map_err(xlsx)?;
            worksheet.write_string(line, 4, &row.summary).map_err(xlsx)?;
            worksheet.write_string(line, 5, &row.details).map_err(xlsx)?;
        }
        if batch.len() < export::BATCH as usize {
            break;
        }
    }
    workbook.save(out).map_err(xlsx)?;
    Ok(written)
}

/// This process's peak resident set size in KiB (Linux: `VmHWM`).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn megabytes(bytes: Option<u64>) -> f64 {
    bytes.map_or(f64::NAN, |bytes| bytes as f64 / 1e6)
}

fn mb(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "n/a".to_owned(), |bytes| format!("{:.1} MB", bytes as f64 / 1e6))
}

fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

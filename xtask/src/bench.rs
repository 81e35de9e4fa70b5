//! `cargo xtask bench startup`: the median cold start of the release build, from process spawn to the
//! sign-in form being interactive, beside the same figure for a minimal Tauri window built from the same
//! Tauri version (`bench/minimal-window`), measured in the same run, alternating, so machine noise hits
//! both alike. Goal: ratio ≤ 1.15 (issue 16).
//!
//! Both programs print `hiredesk-ready` and quit when their page reports in (`HIREDESK_STARTUP_PROBE`
//! for Hiredesk: its UI calls `app_ready` once the sign-in form is on screen). Before that line Hiredesk
//! prints its timeline, `hiredesk-mark` lines: the shell's own points as they happen (`main`, Tauri's
//! `setup`, the window built, the database open) and, with the ready report, the page's performance
//! timeline (its time origin, the files it fetched, `main.js` run, the wasm started, each command asked and
//! answered, the form on screen). The minimal window prints the two points it shares (`main`, its page's
//! time origin). The benchmark prints their medians after spawn: where each start goes.
//!
//! `cargo xtask bench size`: the UI's wasm as shipped, raw and compressed, and what is large in it
//! (`wasm_size.rs`).
//!
//! `cargo xtask bench memory` and `cargo xtask bench ui`: idle RSS and PSS of Hiredesk and its WebKit
//! processes beside the minimal window that stays open, and click to paint in the app, both on the seeded
//! data set and driven through WebDriver (`driven.rs`).
//!
//! `cargo xtask bench history`: p50/p95 of one History page through the core function the UI uses, beside the
//! raw keyset query, and the time to open the job seeker with 10,000 History entries, on a seeded data
//! directory (seeded first when it has no database). Goals: p95 ≤ 2 ms; open ≤ 50 ms. Measured by
//! `hiredesk-tools` in a release build, since it needs the core. With `--backend postgres` the same walks run
//! on a private PostgreSQL server beside the SQLite file, seeded with the same shape, side by side.
//!
//! `cargo xtask bench concurrency [--seconds S]`: 1, 4 and 16 client processes writing notes through the core
//! for S seconds (30) each on a private PostgreSQL server, beside one client on a SQLite file; writes,
//! throughput, p50/p95 per write, and every acknowledged write counted back (`bench_concurrency.rs` in the
//! tools says how).
//!
//! `cargo xtask bench team [--seconds S]`: 50 simulated desktops against the release `hiredesk-server` on
//! 127.0.0.1 for S seconds (60), beside the same mix in-process through the core, on a private PostgreSQL server
//! (`bench_team.rs` in the tools says what is measured).
//!
//! `cargo xtask bench search [--data-dir DIR]`: p50/p95 of 200 realistic queries through the search function
//! beside the bare FTS5 queries, the indexes' size and build time, and a note save with and without them, on
//! the seeded data (100,000 job seekers, 1,000,000 History entries, 200,000 notes). Goals: p95 ≤ 20 ms, note
//! save ≤ 1.3× (`crates/tools/src/bench_search.rs`).
//!
//! `cargo xtask bench export`: the app's Excel export of one job seeker's 1,000,000 History entries beside
//! rust_xlsxwriter used directly on the same rows, each side in its own process so that its peak RSS is its
//! own; times, peaks and the ratio. Goals: ratio ≤ 1.2, peak RSS ≤ 50 MB. Also by `hiredesk-tools`
//! (`crates/tools/src/bench_export.rs` says what is measured and why that scope).

use crate::util::{cargo, on_path, run, workspace_root, Failure};
use crate::{postgres, seed, setup, ui};
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const READY: &str = "hiredesk-ready";
const TIME_LIMIT: Duration = Duration::from_secs(60);

pub fn main(args: &[String]) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        Some("startup") => startup(parse_runs(&args[1..])?),
        Some("history") => history(&args[1..]),
        Some("export") => export(&args[1..]),
        Some("concurrency") => concurrency(&args[1..]),
        Some("team") => team(&args[1..]),
        Some("search") => search(&args[1..]),
        Some("size") => crate::wasm_size::bench(&args[1..]),
        Some("memory") => crate::driven::memory(&args[1..]),
        Some("ui") => crate::driven::ui(&args[1..]),
        _ => Err(Failure::new(
            "usage: cargo xtask bench startup [--runs N]  (N ≥ 10, default 10)\n       \
             cargo xtask bench size\n       \
             cargo xtask bench memory [--data-dir DIR] [--runs N]  (default 3)\n       \
             cargo xtask bench ui [--data-dir DIR] [--runs N]  (default 20)\n       \
             cargo xtask bench history [--backend sqlite|postgres] [--data-dir DIR]\n       \
             cargo xtask bench export [--data-dir DIR] [--runs N]  (default 3)\n       \
             cargo xtask bench concurrency [--seconds S]  (default 30)\n       \
             cargo xtask bench team [--seconds S]  (default 60)\n       \
             cargo xtask bench search [--data-dir DIR]",
        )),
    }
}

/// `cargo xtask bench history [--backend sqlite|postgres] [--data-dir DIR]`: on SQLite alone (the default), or
/// on a private PostgreSQL server beside it.
fn history(args: &[String]) -> Result<(), Failure> {
    const USAGE: &str = "usage: cargo xtask bench history [--backend sqlite|postgres] [--data-dir DIR]";
    let (mut data_dir, mut on_postgres) = (seed::default_data_dir(), false);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::new(format!("{flag} needs a value\n{USAGE}")))?;
        match (flag.as_str(), value.as_str()) {
            ("--data-dir", _) => data_dir = seed::data_dir_argument(value)?,
            ("--backend", "sqlite") => on_postgres = false,
            ("--backend", "postgres") => on_postgres = true,
            ("--backend", other) => return Err(Failure::new(format!("no backend {other:?}\n{USAGE}"))),
            (other, _) => return Err(Failure::new(format!("unknown option {other:?}\n{USAGE}"))),
        }
    }
    let tool_args = vec!["bench-history".into(), "--data-dir".into(), OsString::from(data_dir)];
    if on_postgres {
        with_team_database("hiredesk_bench_history", tool_args)
    } else {
        seed::run_tools(&tool_args)
    }
}

/// `cargo xtask bench concurrency [--seconds S]`.
fn concurrency(args: &[String]) -> Result<(), Failure> {
    let mut tool_args: Vec<OsString> = vec!["bench-concurrency".into()];
    match args {
        [] => {}
        [flag, value] if flag == "--seconds" => match value.parse::<u64>() {
            Ok(seconds) if seconds >= 1 => tool_args.extend(["--seconds".into(), value.into()]),
            _ => return Err(Failure::new("--seconds takes a whole number of at least 1")),
        },
        _ => return Err(Failure::new("usage: cargo xtask bench concurrency [--seconds S]")),
    }
    let data_dir = workspace_root().join("target").join("bench-concurrency-data");
    tool_args.extend(["--data-dir".into(), data_dir.into_os_string()]);
    with_team_database("hiredesk_bench_concurrency", tool_args)
}

/// `cargo xtask bench team [--seconds S]`: the release server and tools, on a private PostgreSQL server.
fn team(args: &[String]) -> Result<(), Failure> {
    let mut tool_args: Vec<OsString> = vec!["bench-team".into()];
    match args {
        [] => {}
        [flag, value] if flag == "--seconds" => match value.parse::<u64>() {
            Ok(seconds) if seconds >= 1 => tool_args.extend(["--seconds".into(), value.into()]),
            _ => return Err(Failure::new("--seconds takes a whole number of at least 1")),
        },
        _ => return Err(Failure::new("usage: cargo xtask bench team [--seconds S]")),
    }
    run(cargo().current_dir(workspace_root()).args(["build", "--release", "--package", "hiredesk-server"]))?;
    let server = workspace_root().join("target").join("release").join("hiredesk-server");
    tool_args.extend(["--server".into(), server.into_os_string()]);
    with_team_database("hiredesk_bench_team", tool_args)
}

/// Runs the tools with `tool_args` and `--postgres` naming an empty database `name` on a private PostgreSQL
/// server (the distribution's, as `cargo xtask test` installs it), started for this run and stopped when it
/// ends, passed or failed. The tools are built first, so the server does not wait through the build.
fn with_team_database(name: &str, mut tool_args: Vec<OsString>) -> Result<(), Failure> {
    run(cargo().current_dir(workspace_root()).args(["build", "--release", "--package", "hiredesk-tools"]))?;
    let server = postgres::Server::start()?;
    server.sql(&format!("CREATE DATABASE {name}"))?;
    tool_args.extend([
        "--postgres".into(),
        format!("{}/{name}", server.owner_url()).into(),
        "--app-role".into(),
        postgres::APP_ROLE.into(),
    ]);
    seed::run_tools(&tool_args)
}

/// `cargo xtask bench export`: on its own data set (one job seeker with 1,000,000 History entries, seeded
/// into `target/seed-export-data` unless `--data-dir` names another directory).
fn export(args: &[String]) -> Result<(), Failure> {
    const USAGE: &str = "usage: cargo xtask bench export [--data-dir DIR] [--runs N]";
    let mut data_dir = workspace_root().join("target").join("seed-export-data");
    let mut tool_args: Vec<OsString> = vec!["bench-export".into()];
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::new(format!("{flag} needs a value\n{USAGE}")))?;
        match flag.as_str() {
            "--data-dir" => data_dir = seed::data_dir_argument(value)?,
            "--runs" => match value.parse::<usize>() {
                Ok(runs) if runs >= 1 => tool_args.extend(["--runs".into(), value.into()]),
                _ => return Err(Failure::new("--runs takes a whole number of at least 1")),
            },
            other => return Err(Failure::new(format!("unknown option {other:?}\n{USAGE}"))),
        }
    }
    tool_args.extend(["--data-dir".into(), data_dir.into_os_string()]);
    seed::run_tools(&tool_args)
}

/// `cargo xtask bench search [--data-dir DIR]`: the search box on the seeded data (seeded first when DIR has
/// no database).
fn search(args: &[String]) -> Result<(), Failure> {
    const USAGE: &str = "usage: cargo xtask bench search [--data-dir DIR]";
    let data_dir = match args {
        [] => seed::default_data_dir(),
        [flag, value] if flag == "--data-dir" => seed::data_dir_argument(value)?,
        _ => return Err(Failure::new(USAGE)),
    };
    seed::run_tools(&["bench-search".into(), "--data-dir".into(), data_dir.into_os_string()])
}

fn parse_runs(args: &[String]) -> Result<usize, Failure> {
    match args {
        [] => Ok(10),
        [flag, value] if flag == "--runs" => match value.parse::<usize>() {
            Ok(runs) if runs >= 10 => Ok(runs),
            _ => Err(Failure::new("--runs takes a whole number of at least 10")),
        },
        _ => Err(Failure::new("usage: cargo xtask bench startup [--runs N]")),
    }
}

/// The release builds of Hiredesk (UI first) and of the minimal Tauri window, which the start-up and memory
/// benchmarks measure side by side.
pub(crate) struct ReleaseApps {
    pub(crate) hiredesk: PathBuf,
    pub(crate) minimal: PathBuf,
}

impl ReleaseApps {
    pub(crate) fn build() -> Result<ReleaseApps, Failure> {
        setup::for_app()?;
        ui::build()?;
        let root = workspace_root();
        run(cargo().current_dir(&root).args(["build", "--release", "-p", "hiredesk", "-p", "bench-minimal-window"]))?;
        Ok(ReleaseApps {
            hiredesk: root.join("target/release/hiredesk"),
            minimal: root.join("target/release/bench-minimal-window"),
        })
    }

    /// Arguments that open Hiredesk on a fresh demo database in `data_dir`, made by one start first, so that
    /// every measured start lands on the sign-in form (not the first-start form).
    pub(crate) fn on_demo_data(&self, data_dir: &Path, session: &Session) -> Result<Vec<String>, Failure> {
        let _ = std::fs::remove_dir_all(data_dir);
        let prepare = [String::from("--demo"), "--data-dir".into(), data_dir.display().to_string()];
        time_to_ready(&self.hiredesk, &prepare, session)?;
        Ok(vec!["--data-dir".to_owned(), data_dir.display().to_string()])
    }
}

fn startup(runs: usize) -> Result<(), Failure> {
    let apps = ReleaseApps::build()?;
    let session = Session::start()?;
    let hiredesk_args = apps.on_demo_data(&workspace_root().join("target/bench-startup-data"), &session)?;
    let (hiredesk, minimal) = (&apps.hiredesk, &apps.minimal);

    // One unmeasured start each warms the page cache for both alike.
    time_to_ready(hiredesk, &hiredesk_args, &session)?;
    time_to_ready(minimal, &[], &session)?;
    let (mut ours, mut baseline, mut timelines, mut baseline_timelines) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 1..=runs {
        let (took, marks) = timeline_to_ready(hiredesk, &hiredesk_args, &session)?;
        ours.push(took);
        timelines.push(marks);
        let (took, marks) = timeline_to_ready(minimal, &[], &session)?;
        baseline.push(took);
        baseline_timelines.push(marks);
        println!(
            "  run {round:>2}: hiredesk {:>6.1} ms   minimal window {:>6.1} ms",
            millis(ours[round - 1]),
            millis(baseline[round - 1])
        );
    }
    let (ours, baseline) = (median(&mut ours), median(&mut baseline));
    print_timeline("Hiredesk's", &timelines, ours);
    print_timeline("the minimal window's", &baseline_timelines, baseline);
    let ratio = ours.as_secs_f64() / baseline.as_secs_f64();
    println!("\nCold start to an interactive first form, median of {runs} runs each (release builds):");
    println!("  hiredesk (sign-in form)           {:>7.1} ms", millis(ours));
    println!("  minimal Tauri window (baseline)   {:>7.1} ms", millis(baseline));
    println!(
        "  ratio                             {ratio:>7.2}   (goal ≤ 1.15: {})",
        if ratio <= 1.15 { "met" } else { "NOT met" }
    );
    Ok(())
}

/// Where a program's start-up goes (`whose` start): each mark's median time after spawn over the runs that
/// printed it, in the order of those medians, and the step from the mark before. `shell:` marks are the
/// shell's own (printed as they happen), `page:` marks the web view's (its performance timeline, sent with the
/// ready report). The minimal window prints two, its `main` and its page's time origin, where Hiredesk's
/// timeline can be set beside it.
fn print_timeline(whose: &str, timelines: &[Marks], ready: Duration) {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in timelines.iter().flatten() {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let mut points: Vec<(f64, &str, usize)> = names
        .into_iter()
        .map(|name| {
            let mut times: Vec<f64> =
                timelines.iter().flatten().filter(|(other, _)| other == name).map(|(_, at)| *at).collect();
            times.sort_by(f64::total_cmp);
            (times[times.len() / 2], name, times.len())
        })
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "
Where {whose} start goes (median ms after the process was spawned, over {} runs):",
        timelines.len()
    );
    println!("  {:>8}  {:>8}  process spawned", "0.0", "");
    let mut before = 0.0;
    for (at, name, seen) in &points {
        let seen = if *seen == timelines.len() { String::new() } else { format!("  (in {seen} runs)") };
        println!("  {at:>8.1}  {:>+8.1}  {name}{seen}", at - before);
        before = *at;
    }
    println!("  {:>8.1}  {:>+8.1}  ready line read by the benchmark", millis(ready), millis(ready) - before);
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Spawns `program` and waits for its ready line; returns the time from spawn to that line.
fn time_to_ready(program: &Path, args: &[String], session: &Session) -> Result<Duration, Failure> {
    timeline_to_ready(program, args, session).map(|(took, _)| took)
}

/// [`time_to_ready`], with the marks the program printed before its ready line (see [`Started::marks`]).
fn timeline_to_ready(program: &Path, args: &[String], session: &Session) -> Result<(Duration, Marks), Failure> {
    let mut command = session.command(program);
    command.args(args).env("HIREDESK_STARTUP_PROBE", "1");
    let mut started = started_until_ready(command)?;
    finish(&mut started.child);
    Ok((started.took, started.marks))
}

/// Points of a start's timeline: what happened, and when, in milliseconds after the process was spawned.
type Marks = Vec<(String, f64)>;

/// A program that reported ready.
pub(crate) struct Started {
    /// From spawn to its ready line.
    pub(crate) took: Duration,
    /// The `hiredesk-mark <milliseconds since the Unix epoch> <what>` lines it printed before its ready line,
    /// set against the moment it was spawned.
    pub(crate) marks: Marks,
    /// The process: still running unless the probe made it quit.
    pub(crate) child: Child,
}

/// Spawns `command` with the start-up probe on and waits (at most a minute) for its ready line, then for the
/// process to end; returns the time from spawn to that line, and how the process ended if it ended by itself
/// within ten seconds (it is killed otherwise).
pub(crate) fn until_ready(mut command: Command) -> Result<(Duration, Option<ExitStatus>), Failure> {
    command.env("HIREDESK_STARTUP_PROBE", "1");
    let mut started = started_until_ready(command)?;
    Ok((started.took, finish(&mut started.child)))
}

/// Spawns `command` (with the start-up probe set as the caller wants it) and waits, at most a minute, for its
/// ready line. The program is killed when it never reports ready.
pub(crate) fn started_until_ready(mut command: Command) -> Result<Started, Failure> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let spawned_at = epoch_millis(SystemTime::now());
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| Failure::new(format!("{program}: {error}")))?;
    let stdout = child.stdout.take().ok_or_else(|| Failure::new("no stdout"))?;
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let (mut marks, mut ready) = (Vec::new(), false);
        // Read to the end, also after the ready line: a program that stays open and prints more must not
        // find its output closed.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if ready {
                continue;
            }
            if line.trim() == READY {
                ready = true;
                let _ = sender.send((Instant::now(), std::mem::take(&mut marks)));
            } else if let Some(mark) = parse_mark(&line, spawned_at) {
                marks.push(mark);
            }
        }
    });
    match receiver.recv_timeout(TIME_LIMIT) {
        Ok((ready_at, marks)) => Ok(Started { took: ready_at - started, marks, child }),
        Err(_) => {
            finish(&mut child);
            Err(Failure::new(format!("{program} never reported ready within {TIME_LIMIT:?}")))
        }
    }
}

/// A `hiredesk-mark <milliseconds since the Unix epoch> <what>` line, as milliseconds after `spawned_at`. A
/// mark before the spawn is no mark of this start (a UI that sends no time origin reports 0).
fn parse_mark(line: &str, spawned_at: f64) -> Option<(String, f64)> {
    let (at, what) = line.strip_prefix("hiredesk-mark ")?.split_once(' ')?;
    let after = at.parse::<f64>().ok()? - spawned_at;
    (after >= 0.0).then(|| (what.trim().to_owned(), after))
}

fn epoch_millis(time: SystemTime) -> f64 {
    time.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0
}

/// Waits up to ten seconds for `child` to end by itself, then kills it; its status if it ended by itself.
fn finish(child: &mut Child) -> Option<ExitStatus> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// A display and a session bus for the measured programs: the real ones when there are, otherwise a
/// private Xvfb and dbus-daemon for the duration of the benchmark (or of the installed package's check).
pub(crate) struct Session {
    display: Option<String>,
    bus: Option<String>,
    helpers: Vec<Child>,
}

impl Session {
    pub(crate) fn start() -> Result<Session, Failure> {
        let mut session = Session { display: None, bus: None, helpers: Vec::new() };
        if !cfg!(target_os = "linux") {
            return Ok(session);
        }
        if std::env::var_os("DISPLAY").is_none() {
            if !on_path("Xvfb") {
                return Err(Failure::new("No DISPLAY and no Xvfb: install xvfb or run under a desktop session."));
            }
            let (child, number) = spawn_reporting(Command::new("Xvfb").args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x900x24",
                "-noreset",
            ]))?;
            session.helpers.push(child);
            session.display = Some(format!(":{}", number.trim()));
        }
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() && on_path("dbus-daemon") {
            let (child, address) =
                spawn_reporting(Command::new("dbus-daemon").args(["--session", "--nofork", "--print-address=1"]))?;
            session.helpers.push(child);
            session.bus = Some(address.trim().to_owned());
        }
        Ok(session)
    }

    pub(crate) fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(PathBuf::from(program));
        self.apply(&mut command);
        command
    }

    /// Puts `command` (and what it starts) on this session's display and bus.
    pub(crate) fn apply(&self, command: &mut Command) {
        if let Some(display) = &self.display {
            command.env("DISPLAY", display);
        }
        if let Some(bus) = &self.bus {
            command.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        for helper in &mut self.helpers {
            let _ = Command::new("kill").args(["-TERM", &helper.id().to_string()]).status();
            let _ = helper.wait();
        }
    }
}

/// Starts a helper that prints one line (its display number or bus address) when it is ready.
fn spawn_reporting(command: &mut Command) -> Result<(Child, String), Failure> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| Failure::new(format!("{:?}: {error}", command.get_program())))?;
    let stdout = child.stdout.take().ok_or_else(|| Failure::new("no stdout"))?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|error| Failure::new(format!("{:?}: {error}", command.get_program())))?;
    Ok((child, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_set_against_the_spawn_and_other_lines_are_not_marks() {
        let mark = parse_mark("hiredesk-mark 1764612000250.500 page: wasm started", 1_764_612_000_000.0);
        assert_eq!(mark, Some(("page: wasm started".to_owned(), 250.5)));
        assert_eq!(parse_mark("hiredesk-ready", 0.0), None);
        assert_eq!(parse_mark("hiredesk-mark soon page: x", 0.0), None);
        assert_eq!(parse_mark("hiredesk-mark 0.000 page: time origin", 1_764_612_000_000.0), None);
    }
}

//! `cargo xtask`: the project's chores, in Rust so they run wherever cargo does.
//!
//! - `cargo xtask run [--demo] [--release] [-- APP ARGS]`: set up what is missing, build the UI, start the app.
//! - `cargo xtask test`: set up everything the tests need, then run every test, timing each phase.
//! - `cargo xtask bench startup [--runs N]`: cold-start time of the release app against a minimal Tauri window.
//! - `cargo xtask bench memory [--data-dir DIR] [--runs N]`: idle RSS and PSS on the sign-in form and on the job
//!   seeker with 10,000 History entries, against a minimal Tauri window.
//! - `cargo xtask bench ui [--data-dir DIR] [--runs N]`: click to paint in the release app through WebDriver.
//! - `cargo xtask bench size`: the UI's wasm raw, gzip and brotli, its sections and largest functions.
//! - `cargo xtask bench history [--backend sqlite|postgres] [--data-dir DIR]`: History page and job seeker open
//!   times on a seeded data set; with `postgres`, on a private PostgreSQL server beside SQLite.
//! - `cargo xtask bench concurrency [--seconds S]`: 1, 4 and 16 clients writing notes at once on PostgreSQL.
//! - `cargo xtask bench team [--seconds S]`: 50 simulated desktops against the team server, beside in-process.
//! - `cargo xtask seed [--job-seekers N] [--history M] [--data-dir DIR]`: a large synthetic data set.
//! - `cargo xtask ui`: build the UI into `ui/dist` only.
//! - `cargo xtask fuzz [--cases N]`: the core's property tests (import parsers, letter merge) with N cases each.
//! - `cargo xtask package`: the `.deb` and `.rpm` (the UI first, through the Tauri CLI's `beforeBuildCommand`).
//!
//! It has no dependencies, so it compiles in seconds on a fresh machine before anything else is installed.

mod bench;
mod cross;
mod driven;
mod npm;
mod package;
mod phases;
mod postgres;
mod seed;
mod setup;
#[cfg(test)]
mod tidy;
mod ui;
mod util;
mod wasm_size;

use std::process::ExitCode;
use util::{cargo, run, workspace_root, Failure};

const USAGE: &str = "\
Usage: cargo xtask <command>

  run [--demo] [--release] [-- ARGS]   install what is missing, build the UI and start Hiredesk
                                       (--demo: on a fresh demo database in its own folder)
  run --team-demo [--release]          the same in team mode: a private PostgreSQL, the team server, a joined desktop
                                       would work (the server is removed when Hiredesk quits)
  test                                 install what is missing and run every test
  test postgres                        only the core's suite and the team server's, on a private PostgreSQL server
  bench startup [--runs N]             median cold start of the release build against a minimal Tauri window
  bench memory [--data-dir DIR] [--runs N]
                                       idle RSS and PSS of the release build and its WebKit processes on the
                                       sign-in form and on the job seeker with 10,000 History entries, beside a
                                       minimal Tauri window that stays open (3 rounds; seeded data, seeds DIR
                                       first if it has no database)
  bench ui [--data-dir DIR] [--runs N] click to paint in the release app through WebDriver: the job seeker
                                       list at 100,000 job seekers, the job seeker with 10,000 History entries,
                                       its History pages; p50/p95 of N runs (default 20) beside the core's time
  bench size                           the UI's wasm as shipped: raw, gzip and brotli, its sections, its
                                       largest functions and crates
  bench history [--backend B] [--data-dir DIR]
                                       p50/p95 of one History page and the time to open the job seeker with
                                       10,000 entries, on seeded data (seeds DIR first if it has no database);
                                       B is sqlite (the default) or postgres: the same on a private PostgreSQL
                                       server, seeded alike, side by side with SQLite
  bench export [--data-dir DIR] [--runs N]
                                       the Excel export of 1,000,000 History rows beside rust_xlsxwriter alone
  bench concurrency [--seconds S]      1, 4 and 16 client processes writing notes for S seconds (default 30)
                                       each on a private PostgreSQL server, beside 1 on SQLite: throughput,
                                       p50/p95 per write, and every acknowledged write counted back
  bench team [--seconds S]             50 simulated desktops against the team server on 127.0.0.1 for S seconds
                                       (default 60), beside the same mix in-process: requests/s, p50/p95/p99,
                                       errors and the ratio, on a private PostgreSQL server
  seed [--job-seekers N] [--history M] [--data-dir DIR]
                                       fill an empty data directory with synthetic data for benchmarks
                                       (defaults: 100,000 job seekers, 1,000,000 History entries,
                                       DIR target/seed-data)
  ui                                   build the UI into ui/dist
  fuzz [--cases N]                     the core's property tests (import parsers, the letter merge) with N
                                       cases each (default 20,000): cases tried and failures per property
  package                              build the .deb and .rpm into target/release/bundle/ (Linux)";

/// The core's property tests, run long: the suite runs each with 64 cases, this with `--cases` (20,000 by
/// default). Each property prints the cases it tried and its failures; a failure shows the smallest input.
fn fuzz(args: &[String]) -> Result<(), Failure> {
    let cases = match args {
        [] => 20_000,
        [flag, cases] if flag == "--cases" => {
            cases.parse::<u32>().map_err(|_| Failure::new(format!("--cases takes a number, not {cases:?}")))?
        }
        other => return Err(Failure::new(format!("unknown arguments {other:?}\n\n{USAGE}"))),
    };
    run(cargo()
        .args(["test", "-p", "hiredesk-core", "--features", "postgres", "--lib", "property_"])
        .args(["--", "--nocapture", "--test-threads=1"])
        .env("HIREDESK_PROPERTY_CASES", cases.to_string())
        .current_dir(workspace_root()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run_app(&args[1..]),
        Some("test") if args.get(1).map(String::as_str) == Some("postgres") => test_core_on_postgres(),
        Some("test") => test(),
        Some("bench") => bench::main(&args[1..]),
        Some("seed") => seed::main(&args[1..]),
        Some("ui") => setup::for_app().and_then(|()| ui::build()),
        Some("package") => package::main(&args[1..]),
        Some("fuzz") => fuzz(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::new(format!("unknown command {other:?}\n\n{USAGE}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nxtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn run_app(args: &[String]) -> Result<(), Failure> {
    let (ours, app_args) = match args.iter().position(|arg| arg == "--") {
        Some(split) => (&args[..split], &args[split + 1..]),
        None => (args, &[][..]),
    };
    let mut app_args: Vec<String> = app_args.to_vec();
    let (mut release, mut team_demo) = (false, false);
    for arg in ours {
        match arg.as_str() {
            "--demo" => app_args.push("--demo".to_owned()),
            "--team-demo" => team_demo = true,
            "--release" => release = true,
            other => return Err(Failure::new(format!("unknown option {other:?} for run\n\n{USAGE}"))),
        }
    }
    if team_demo {
        setup::for_team_demo()?;
    } else {
        setup::for_app()?;
    }
    ui::build()?;
    // Kept until Hiredesk quits: dropping them stops the team server and removes the database's server.
    let _team = if team_demo {
        let team = TeamDemo::start(release)?;
        println!(
            "Team demo: hiredesk-server at {} (fingerprint {}), on a private PostgreSQL.\nThis desktop has joined \
             it; load the demo data on its first screen. Another desktop, while this one runs: start Hiredesk on a \
             folder of its own and choose \"Join my team's server\" with that address:\n  \
             cargo run --bin hiredesk -- --data-dir /tmp/hiredesk-second",
            team.address, team.fingerprint
        );
        app_args.extend(["--data-dir".to_owned(), team.desktop.display().to_string()]);
        Some(team)
    } else {
        None
    };
    let mut command = cargo();
    command.current_dir(workspace_root()).args(["run", "--package", "hiredesk", "--bin", "hiredesk"]);
    if release {
        command.arg("--release");
    }
    command.arg("--").args(&app_args);
    run(&mut command)
}

/// `cargo xtask run --team-demo`: a private PostgreSQL with a team database, the team server on it (127.0.0.1,
/// a self-signed certificate) and a desktop data folder that has joined it (`team.json`).
struct TeamDemo {
    // Dropped after the server process: the database outlives the server that uses it.
    server: std::process::Child,
    _postgres: postgres::Server,
    address: String,
    fingerprint: String,
    desktop: std::path::PathBuf,
}

impl TeamDemo {
    fn start(release: bool) -> Result<TeamDemo, Failure> {
        use std::io::BufRead;
        let postgres = postgres::Server::start()?;
        postgres.sql("CREATE DATABASE hiredesk_team_demo")?;
        let owner = format!("{}/hiredesk_team_demo", postgres.owner_url());
        seed::run_tools(&["prepare-team".into(), "--postgres".into(), owner.into()])?;
        let app_url = format!(
            "postgres://{}@{}/hiredesk_team_demo",
            postgres::APP_ROLE,
            postgres.owner_url().rsplit_once('@').map_or("", |(_, host)| host)
        );
        let mut build = cargo();
        build.current_dir(workspace_root()).args(["build", "--quiet", "--package", "hiredesk-server"]);
        if release {
            build.arg("--release");
        }
        run(&mut build)?;
        let folder = workspace_root().join("target/team-demo");
        // A fresh demo each time: the database is new, so the desktop's old settings would point nowhere.
        let _ = std::fs::remove_dir_all(&folder);
        let desktop = folder.join("desktop");
        std::fs::create_dir_all(&desktop).map_err(|error| Failure::new(format!("{}: {error}", desktop.display())))?;
        let profile = if release { "release" } else { "debug" };
        let mut server =
            std::process::Command::new(workspace_root().join("target").join(profile).join("hiredesk-server"))
                .args(["serve", "--listen", "127.0.0.1:0", "--tls-dir"])
                .arg(folder.join("tls"))
                .env("HIREDESK_DATABASE_URL", app_url)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .map_err(|error| Failure::new(format!("hiredesk-server could not start: {error}")))?;
        let mut line = String::new();
        let stdout = server.stdout.take().ok_or_else(|| Failure::new("hiredesk-server has no output"))?;
        let mut reader = std::io::BufReader::new(stdout);
        reader.read_line(&mut line).map_err(|error| Failure::new(format!("hiredesk-server: {error}")))?;
        // Its log lines go on to this terminal.
        std::thread::spawn(move || reader.lines().map_while(Result::ok).for_each(|line| println!("{line}")));
        let listening = line.trim().strip_prefix("hiredesk-server listening on ");
        let Some((address, fingerprint)) = listening.and_then(|rest| rest.split_once(" fingerprint ")) else {
            let _ = server.kill();
            return Err(Failure::new(format!("hiredesk-server did not say where it listens: {line:?}")));
        };
        let (address, fingerprint) = (address.to_owned(), fingerprint.to_owned());
        let team_json = format!("{{\"address\":\"{address}\",\"fingerprint\":\"{fingerprint}\"}}\n");
        std::fs::write(desktop.join("team.json"), team_json)
            .map_err(|error| Failure::new(format!("team.json: {error}")))?;
        Ok(TeamDemo { server, _postgres: postgres, address, fingerprint, desktop })
    }
}

impl Drop for TeamDemo {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Clippy over every crate for the host, tests and benches included.
const CLIPPY_HOST: &[&str] = &["clippy", "--workspace", "--all-targets", "--quiet"];
/// The UI as it ships: for wasm32.
const CLIPPY_UI: &[&str] =
    &["clippy", "--package", "hiredesk-ui", "--target", "wasm32-unknown-unknown", "--all-targets", "--quiet"];

/// The core's tests built for both backends (the run on PostgreSQL).
const CORE_ON_POSTGRES: &[&str] = &["test", "--package", "hiredesk-core", "--features", "postgres"];

/// The team server's tests: the real binary on the PostgreSQL of the run (it has no SQLite mode, so they run in the
/// PostgreSQL pass only, and fail rather than skip without a server).
const SERVER_TESTS: &[&str] = &["test", "--package", "hiredesk-server"];

/// The binaries the team end-to-end scenarios start (`src-tauri/tests/e2e/team_server.rs`).
const TEAM_E2E_BINARIES: &[&str] = &["build", "--quiet", "--package", "hiredesk-server", "--package", "hiredesk-tools"];
/// The end-to-end scenarios with a real team server: ignored by the plain run, which has no PostgreSQL.
const TEAM_E2E: &[&str] = &["test", "--test", "e2e", "team_server::", "--", "--ignored"];

/// The benchmark tools' own unit tests (what they measure with: percentiles, `/proc` reading); the tools are
/// not a default member.
const TOOLS_UNIT_TESTS: &[&str] = &["test", "--package", "hiredesk-tools", "--bins"];

/// The UI crate's unit tests, on the host.
const UI_UNIT_TESTS: &[&str] = &["test", "--package", "hiredesk-ui", "--lib"];

/// Only the core's suite on PostgreSQL (`cargo xtask test postgres`), for working on the PostgreSQL side.
fn test_core_on_postgres() -> Result<(), Failure> {
    let mut count = util::TestCount::default();
    let server = postgres::Server::start()?;
    let result = util::run_tests(
        cargo().current_dir(workspace_root()).args(CORE_ON_POSTGRES).env("HIREDESK_TEST_POSTGRES", server.owner_url()),
        &mut count,
    )
    .and_then(|()| {
        util::run_tests(
            cargo().current_dir(workspace_root()).args(SERVER_TESTS).env("HIREDESK_TEST_POSTGRES", server.owner_url()),
            &mut count,
        )
    });
    println!("\ntests: {} passed, {} failed", count.passed, count.failed);
    result
}

fn test() -> Result<(), Failure> {
    let mut phases = phases::Phases::new();
    let mut count = util::TestCount::default();
    let result = test_phases(&mut phases, &mut count);
    phases.report();
    // One closing line for every test binary together, for people and CI alike.
    println!("\ntests: {} passed, {} failed", count.passed, count.failed);
    result
}

fn test_phases(phases: &mut phases::Phases, count: &mut util::TestCount) -> Result<(), Failure> {
    phases.time("set-up (packages, wasm target, rustfmt and clippy, wasm-bindgen, tauri-driver)", setup::for_tests)?;
    phases.time("format (cargo fmt --check)", || {
        run(cargo().current_dir(workspace_root()).args(["fmt", "--all", "--check"]))
    })?;
    phases.time("UI build (wasm)", ui::build)?;
    // After the UI build: the shell embeds ui/dist at compile time, so it cannot be checked before.
    phases.time("lint (clippy, every crate, warnings denied)", || {
        run(cargo().current_dir(workspace_root()).args(CLIPPY_HOST).args(["--", "-D", "warnings"]))
    })?;
    phases.time("lint (clippy, the UI for wasm32, warnings denied)", || {
        run(cargo().current_dir(workspace_root()).args(CLIPPY_UI).args(["--", "-D", "warnings"]))
    })?;
    phases.time("docs (cargo doc, warnings denied)", || {
        run(cargo()
            .current_dir(workspace_root())
            .args(["doc", "--workspace", "--no-deps", "--document-private-items", "--quiet"])
            .env("RUSTDOCFLAGS", "-D warnings"))
    })?;
    phases.time("compile tests", || {
        run(cargo().current_dir(workspace_root()).args(["test", "--no-run", "--quiet"]))?;
        run(cargo().current_dir(workspace_root()).args(UI_UNIT_TESTS).args(["--no-run", "--quiet"]))?;
        run(cargo().current_dir(workspace_root()).args(CORE_ON_POSTGRES).args(["--no-run", "--quiet"]))?;
        run(cargo().current_dir(workspace_root()).args(SERVER_TESTS).args(["--no-run", "--quiet"]))
    })?;
    // One `cargo test` over the same packages as the compile phase, so nothing is built twice. On Linux the
    // end-to-end suite starts its own Xvfb display and D-Bus session for each scenario; elsewhere it compiles
    // to nothing.
    phases.time("run tests (unit, core integration, permissions, end-to-end)", || {
        if !cfg!(target_os = "linux") {
            println!("End-to-end tests drive WebKitWebDriver, which exists on Linux only; they are skipped here.");
        }
        let axe = setup::axe_core_script()?;
        util::run_tests(cargo().current_dir(workspace_root()).arg("test").env("HIREDESK_AXE_SCRIPT", axe), count)?;
        // The UI's own unit tests (its reducers and hooks' bookkeeping) run on the host; the UI is not a default
        // member, so the plain `cargo test` above leaves it out.
        util::run_tests(cargo().current_dir(workspace_root()).args(UI_UNIT_TESTS), count)
    })?;
    // The core's whole suite once more, every test on a PostgreSQL database of its own, on a private server
    // that is stopped when this phase ends, passed or failed; then the team server's tests on the same server, the
    // benchmark tools' unit tests, and the end-to-end scenarios of a desktop in team mode against the real server
    // binary.
    phases.time("run core, team server and team end-to-end tests on PostgreSQL", || {
        let server = postgres::Server::start()?;
        util::run_tests(
            cargo()
                .current_dir(workspace_root())
                .args(CORE_ON_POSTGRES)
                .env("HIREDESK_TEST_POSTGRES", server.owner_url()),
            count,
        )?;
        util::run_tests(
            cargo().current_dir(workspace_root()).args(SERVER_TESTS).env("HIREDESK_TEST_POSTGRES", server.owner_url()),
            count,
        )?;
        if !cfg!(target_os = "linux") {
            return Ok(());
        }
        run(cargo().current_dir(workspace_root()).args(TEAM_E2E_BINARIES))?;
        // Built with what was just built for the scenarios (the tools' debug dependencies), hence here.
        util::run_tests(cargo().current_dir(workspace_root()).args(TOOLS_UNIT_TESTS), count)?;
        util::run_tests(
            cargo().current_dir(workspace_root()).args(TEAM_E2E).env("HIREDESK_TEST_POSTGRES", server.owner_url()),
            count,
        )
    })?;
    // CI runs on Linux: the other platforms are type-checked from there, and the Linux packages built and
    // installed.
    if cfg!(target_os = "linux") {
        phases.time("type-check for Windows (x86_64-pc-windows-gnu)", cross::windows)?;
        phases.time("type-check for macOS (x86_64-apple-darwin; Rust only, C stood in)", cross::macos)?;
        let mut packages = None;
        phases.time("package (.deb and .rpm, release build)", || {
            packages = Some(package::build()?);
            Ok(())
        })?;
        phases.time("installed package (.deb: install, start to sign-in, remove)", || match &packages {
            Some(packages) => package::check_installed(&packages.deb),
            None => Err(Failure::new("no package was built")),
        })?;
    }
    Ok(())
}

//! `cargo xtask bench memory` and `cargo xtask bench ui`: the benchmarks that drive the release build
//! through tauri-driver and WebKitWebDriver, on the seeded data set (`cargo xtask seed`; seeded first when
//! the data folder has no database). This crate builds what they measure and gives them a display and a
//! session bus (a private Xvfb and dbus-daemon when there are none); `hiredesk-tools` drives and measures,
//! since it needs a WebDriver client and the core (`crates/tools/src/bench_memory.rs`, `bench_ui.rs` say
//! what is measured).
//!
//! - `memory [--data-dir DIR] [--runs N]`: idle RSS and PSS of Hiredesk on the sign-in form and on the job
//!   seeker with 10,000 History entries, beside the minimal window that stays open (3 rounds). Goal: ≤ the
//!   minimal window + 40 MiB.
//! - `ui [--data-dir DIR] [--runs N]`: click to paint of the job seeker list at 100,000 job seekers, the job
//!   seeker with 10,000 History entries, and its History pages (20 runs). Goals: p95 ≤ 100, 100 and 50 ms.

use crate::bench::{ReleaseApps, Session};
use crate::seed;
use crate::setup;
use crate::util::{cargo, run, workspace_root, Failure};
use std::ffi::OsString;
use std::path::PathBuf;

pub fn memory(args: &[String]) -> Result<(), Failure> {
    let options = Options::parse(args, "memory")?;
    let apps = prepare(&options)?;
    let mut tool_args: Vec<OsString> = vec!["bench-memory".into(), "--minimal".into(), apps.minimal.into()];
    tool_args.extend(options.tool_args(apps.hiredesk));
    run_driven(&tool_args)
}

pub fn ui(args: &[String]) -> Result<(), Failure> {
    let options = Options::parse(args, "ui")?;
    let apps = prepare(&options)?;
    let mut tool_args: Vec<OsString> = vec!["bench-ui".into()];
    tool_args.extend(options.tool_args(apps.hiredesk));
    run_driven(&tool_args)
}

/// What both need: the tools' packages, the seeded data, and the release builds (the UI first).
fn prepare(options: &Options) -> Result<ReleaseApps, Failure> {
    setup::for_driven_bench()?;
    if !options.data_dir.join("hiredesk.sqlite3").exists() {
        println!("{} has no database: seeding the benchmark data set first.", options.data_dir.display());
        seed::run_tools(&["seed".into(), "--data-dir".into(), options.data_dir.clone().into_os_string()])?;
    }
    ReleaseApps::build()
}

/// Runs the release tools with `args` on a display and a session bus of their own.
fn run_driven(args: &[OsString]) -> Result<(), Failure> {
    let session = Session::start()?;
    let mut command = cargo();
    command.current_dir(workspace_root()).args(["run", "--release", "--package", "hiredesk-tools", "--"]).args(args);
    session.apply(&mut command);
    run(&mut command)
}

/// `--data-dir DIR` and `--runs N`.
struct Options {
    data_dir: PathBuf,
    runs: Option<String>,
}

impl Options {
    fn parse(args: &[String], bench: &str) -> Result<Options, Failure> {
        let usage = || format!("usage: cargo xtask bench {bench} [--data-dir DIR] [--runs N]");
        let mut options = Options { data_dir: seed::default_data_dir(), runs: None };
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            let value = rest.next().ok_or_else(|| Failure::new(format!("{flag} needs a value\n{}", usage())))?;
            match flag.as_str() {
                "--data-dir" => options.data_dir = seed::data_dir_argument(value)?,
                "--runs" => match value.parse::<usize>() {
                    Ok(runs) if runs >= 1 => options.runs = Some(value.clone()),
                    _ => return Err(Failure::new("--runs takes a whole number of at least 1")),
                },
                other => return Err(Failure::new(format!("unknown option {other:?}\n{}", usage()))),
            }
        }
        Ok(options)
    }

    /// `--hiredesk PATH --data-dir DIR [--runs N]` for the tools.
    fn tool_args(&self, hiredesk: PathBuf) -> Vec<OsString> {
        let mut args: Vec<OsString> =
            vec!["--hiredesk".into(), hiredesk.into(), "--data-dir".into(), self.data_dir.clone().into()];
        if let Some(runs) = &self.runs {
            args.extend(["--runs".into(), runs.into()]);
        }
        args
    }
}

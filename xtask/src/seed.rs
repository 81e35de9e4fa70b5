//! `cargo xtask seed`: a large synthetic data set for benchmarks, e.g. 100,000 job seekers, 1,000,000 History
//! entries and 200,000 notes. The work is done by `hiredesk-tools` (it needs the core, which this
//! dependency-free crate cannot depend on), built in release mode: a debug build would seed many times slower.

use crate::util::{cargo, run, workspace_root, Failure};
use std::ffi::OsString;
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask seed [--job-seekers N] [--history M] [--notes L] [--data-dir DIR]";

pub fn main(args: &[String]) -> Result<(), Failure> {
    let mut tool_args: Vec<OsString> = vec!["seed".into()];
    let mut data_dir = default_data_dir();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::new(format!("{flag} needs a value\n{USAGE}")))?;
        match flag.as_str() {
            "--job-seekers" | "--history" | "--notes" => {
                if value.replace(['_', ','], "").parse::<usize>().is_err() {
                    return Err(Failure::new(format!("{flag} takes a whole number, not {value:?}")));
                }
                tool_args.extend([flag.into(), value.into()]);
            }
            "--data-dir" => data_dir = data_dir_argument(value)?,
            other => return Err(Failure::new(format!("unknown option {other:?} for seed\n{USAGE}"))),
        }
    }
    tool_args.extend(["--data-dir".into(), data_dir.into_os_string()]);
    run_tools(&tool_args)
}

/// Where seeded data goes unless `--data-dir` says otherwise: `target/seed-data` in the workspace.
pub fn default_data_dir() -> PathBuf {
    workspace_root().join("target").join("seed-data")
}

/// A `--data-dir` as the user meant it: relative to where they ran `cargo xtask`, since the tool itself runs
/// from the workspace root.
pub fn data_dir_argument(value: &str) -> Result<PathBuf, Failure> {
    std::fs::canonicalize(value)
        .or_else(|_| std::path::absolute(value))
        .map_err(|error| Failure::new(format!("--data-dir {value:?}: {error}")))
}

/// Builds `hiredesk-tools` in release mode and runs it with `args`.
pub fn run_tools(args: &[OsString]) -> Result<(), Failure> {
    run(cargo()
        .current_dir(workspace_root())
        .args(["run", "--release", "--package", "hiredesk-tools", "--"])
        .args(args))
}

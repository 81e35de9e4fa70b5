//! Diagnostics: what the app did and what went wrong, where an IT person can find it.
//!
//! Everything the shell, the core and Tauri report goes through `tracing` (Tauri's own `log` records too) into
//! a log file in the data folder, `logs/hiredesk.YYYY-MM-DD.log`, a new one each day (UTC) and the last
//! [`KEPT`] kept; and onto stderr as well when Hiredesk was started from a terminal. A data folder that cannot
//! be written to (one of the start-up failures the user is told about) still gets a log: in the temporary
//! folder instead. Panics are logged before the usual report. `HIREDESK_LOG` sets the levels, e.g. `debug` or
//! `hiredesk_shell=trace,warn`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

/// The environment variable that sets the log levels (tracing's `target=level` list).
pub const LOG_VARIABLE: &str = "HIREDESK_LOG";
/// How many daily files are kept.
const KEPT: usize = 7;
const PREFIX: &str = "hiredesk";
const SUFFIX: &str = "log";

/// Where the log files are; `None` when no folder could be written (the log then goes to stderr only).
#[derive(Debug, Clone)]
pub struct LogFiles {
    dir: Option<PathBuf>,
}

impl LogFiles {
    /// The file written to now: the newest of the folder's log files.
    pub fn current(&self) -> Option<PathBuf> {
        let entries = std::fs::read_dir(self.dir.as_ref()?).ok()?;
        entries
            .flatten()
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.starts_with(&format!("{PREFIX}.")) && name.ends_with(&format!(".{SUFFIX}"))
            })
            .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
            .max()
            .map(|(_, path)| path)
    }

    /// The current file, or the folder when there is none yet, in words for a message.
    pub fn describe(&self) -> String {
        match (self.current(), &self.dir) {
            (Some(file), _) => file.display().to_string(),
            (None, Some(dir)) => dir.display().to_string(),
            (None, None) => "nowhere (no folder could be written; see the terminal)".to_owned(),
        }
    }
}

/// Starts logging for the app on `data_dir` (`None`: the data folder is not known). Call once, before
/// anything is logged; a second call (a test that builds the app twice) keeps the first subscriber.
pub fn start(data_dir: Option<&Path>) -> LogFiles {
    let preferred = data_dir.map(|dir| dir.join("logs"));
    let fallback = std::env::temp_dir().join(format!("hiredesk-logs-{}", crate::instance::user_name()));
    let mut refusals = Vec::new();
    let mut chosen = None;
    for dir in preferred.into_iter().chain([fallback]) {
        match appender(&dir) {
            Ok(appender) => {
                chosen = Some((appender, dir));
                break;
            }
            Err(refusal) => refusals.push(refusal),
        }
    }
    let (appender, dir) = chosen.map_or((None, None), |(appender, dir)| (Some(appender), Some(dir)));
    let file = appender.map(|appender| tracing_subscriber::fmt::layer().with_ansi(false).with_writer(appender));
    // Started from a terminal, whoever started it is watching: show them too.
    let terminal =
        std::io::stderr().is_terminal().then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr));
    let installed = tracing_subscriber::registry().with(levels()).with(file).with(terminal).try_init().is_ok();
    if installed {
        log_panics();
    }
    // Reported once the log is set up, in the log it ended up in.
    for refusal in refusals {
        tracing::warn!("a log folder could not be written: {refusal}");
    }
    let data_folder = data_dir.map(|dir| dir.display().to_string()).unwrap_or_default();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), data_folder, "Hiredesk starts");
    LogFiles { dir }
}

/// Why a folder cannot take the log.
#[derive(Debug, thiserror::Error)]
enum LogFolderError {
    #[error("{}: {source}", dir.display())]
    Create { dir: PathBuf, source: std::io::Error },
    #[error("{}: {source}", dir.display())]
    Appender { dir: PathBuf, source: tracing_appender::rolling::InitError },
}

fn appender(dir: &Path) -> Result<RollingFileAppender, LogFolderError> {
    std::fs::create_dir_all(dir).map_err(|source| LogFolderError::Create { dir: dir.to_path_buf(), source })?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        .max_log_files(KEPT)
        .build(dir)
        .map_err(|source| LogFolderError::Appender { dir: dir.to_path_buf(), source })
}

/// Hiredesk's own records from `info` up and everyone else's warnings, unless `HIREDESK_LOG` says otherwise.
fn levels() -> Targets {
    let default = Targets::new()
        .with_default(LevelFilter::WARN)
        .with_target("hiredesk_shell", LevelFilter::INFO)
        .with_target("hiredesk_core", LevelFilter::INFO);
    match std::env::var(LOG_VARIABLE) {
        Ok(levels) => levels.parse().unwrap_or_else(|error| {
            eprintln!("hiredesk: {LOG_VARIABLE}={levels:?} is not a list of levels ({error}); using the default");
            default
        }),
        Err(_) => default,
    }
}

/// A panic is logged (with where it happened) before the usual report on stderr, so the log file tells what
/// ended a run that nobody watched from a terminal.
fn log_panics() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        let message = panic
            .payload()
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| panic.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = panic.location().map(ToString::to_string).unwrap_or_default();
        tracing::error!(%place, "panic: {message}");
        report(panic);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_file_is_the_newest_log_file_of_the_folder() {
        let dir = tempfile::tempdir().expect("a folder");
        let files = LogFiles { dir: Some(dir.path().to_path_buf()) };
        assert_eq!(files.current(), None);
        assert_eq!(files.describe(), dir.path().display().to_string(), "the folder, before the first file");
        std::fs::write(dir.path().join("hiredesk.2026-11-23.log"), "older").expect("a file");
        std::fs::write(dir.path().join("notes.txt"), "not a log").expect("a file");
        let newest = dir.path().join("hiredesk.2026-11-24.log");
        std::fs::write(&newest, "newer").expect("a file");
        let older = std::fs::File::options().write(true).open(dir.path().join("hiredesk.2026-11-23.log"));
        let a_day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
        older.and_then(|file| file.set_modified(a_day_ago)).expect("the older file's time");
        assert_eq!(files.current(), Some(newest));
    }

    /// The log folder's file names, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("the log folder")
            .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The appender as the app configures it: a file named after today (UTC) beside the older ones, the oldest
    /// removed so that [`KEPT`] remain, and what is logged in the file [`LogFiles::current`] names.
    #[test]
    fn a_start_writes_todays_file_and_keeps_the_last_seven() {
        use chrono::Datelike as _;
        use std::io::Write as _;
        let dir = tempfile::tempdir().expect("a folder");
        // Nine days of earlier runs, written oldest first, and a file that is not a log, which must stay. The
        // appender prunes by creation time, which the file system keeps at the resolution of its coarse clock:
        // a file created in the same tick as the one before is written again, so that the order is a real one
        // as it is for files made a day apart.
        let earlier: Vec<String> = (1..=9).map(|day| format!("hiredesk.2020-01-{day:02}.log")).collect();
        let created = |path: &Path| std::fs::metadata(path).and_then(|metadata| metadata.created()).ok();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut previous = None;
        for name in &earlier {
            let path = dir.path().join(name);
            loop {
                std::fs::write(&path, "an earlier run\n").expect("an earlier log");
                let this = created(&path);
                if this.is_none() || this > previous {
                    previous = this;
                    break;
                }
                std::fs::remove_file(&path).expect("written again");
                assert!(std::time::Instant::now() < deadline, "the file system's clock does not move on");
            }
        }
        std::fs::write(dir.path().join("notes.txt"), "not a log").expect("a file");

        let mut appender = appender(dir.path()).expect("the log folder takes the log");
        appender.write_all(b"this run\n").and_then(|()| appender.flush()).expect("written");

        let logs: Vec<String> = names(dir.path()).into_iter().filter(|name| name.ends_with(".log")).collect();
        assert_eq!(logs.len(), KEPT, "{logs:?}");
        assert_eq!(logs[..KEPT - 1], earlier[9 - (KEPT - 1)..], "the newest earlier files are kept");
        let today = logs.last().expect("today's file");
        let date = today.strip_prefix("hiredesk.").and_then(|rest| rest.strip_suffix(".log")).expect("a log name");
        assert!(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok_and(|day| day.year() > 2020), "{today}");
        assert!(dir.path().join("notes.txt").exists(), "only log files are pruned");

        let files = LogFiles { dir: Some(dir.path().to_path_buf()) };
        let current = files.current().expect("a current file");
        assert_eq!(current, dir.path().join(today));
        assert_eq!(std::fs::read_to_string(current).expect("today's log"), "this run\n");
    }

    /// A folder that cannot hold the log is refused with the folder's name, so that the log can say which one
    /// (and goes to the temporary folder instead).
    #[test]
    fn a_folder_that_cannot_be_created_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("a folder");
        let blocked = dir.path().join("data");
        std::fs::write(&blocked, "a file where the data folder should be").expect("a file");
        let refusal = appender(&blocked.join("logs")).expect_err("no folder inside a file");
        assert!(matches!(refusal, LogFolderError::Create { .. }), "{refusal:?}");
        assert!(refusal.to_string().starts_with(&blocked.join("logs").display().to_string()), "{refusal}");
    }
}

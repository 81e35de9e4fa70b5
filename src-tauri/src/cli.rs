//! The command line: `hiredesk [--demo] [--data-dir PATH]`, and `HIREDESK_DATA_DIR`.
//! Debug builds also read a test clock and a notice-scheduler period from the environment, for the end-to-end
//! tests; a release build ignores both, so a shipped app cannot be told another time.

use chrono::{DateTime, TimeDelta, Utc};
use hiredesk_core::{Clock, HiredeskConfig};
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const USAGE: &str = "\
Usage: hiredesk [--demo] [--data-dir PATH]

  --demo               start on a fresh demo database (in its own folder unless --data-dir is given)
  --data-dir PATH      keep the database in PATH instead of the user's data folder
                       (HIREDESK_DATA_DIR does the same; the option wins)
  --version            show the version
  --help               show this text";

/// The environment variable that overrides the data directory (tests and demo runs use it).
pub const DATA_DIR_VARIABLE: &str = "HIREDESK_DATA_DIR";
/// Exports go into this folder instead of asking with the save dialog (tests, scripted use).
pub const EXPORT_DIR_VARIABLE: &str = "HIREDESK_EXPORT_DIR";
/// Set by `cargo xtask bench startup`: report when the first form is interactive, then quit; set to `stay` by
/// `cargo xtask bench memory`: report it and stay open.
pub const STARTUP_PROBE_VARIABLE: &str = "HIREDESK_STARTUP_PROBE";
/// Debug builds only: the instant (RFC 3339, e.g. `2026-11-17T08:59:30-05:00`) the core's clock starts from
/// when the app starts; it then runs on at the real rate. End-to-end tests set it to reach a given hour.
pub const TEST_CLOCK_VARIABLE: &str = "HIREDESK_TEST_CLOCK";
/// Debug builds only: the notice scheduler's period in milliseconds instead of a minute, so that a test does
/// not wait a whole minute for a notice that is due by the clock alone.
pub const TEST_NOTICE_PERIOD_VARIABLE: &str = "HIREDESK_TEST_NOTICE_PERIOD_MS";

/// A command line that cannot be understood; the message says which argument.
#[derive(Debug, PartialEq, Eq)]
pub struct BadArguments(pub String);

impl std::fmt::Display for BadArguments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub demo: bool,
    pub data_dir: Option<PathBuf>,
    pub help: bool,
    pub version: bool,
    pub startup_probe: bool,
    /// Where the core's clock starts (from [`TEST_CLOCK_VARIABLE`], debug builds only); `None`: the system clock.
    pub clock_start: Option<DateTime<Utc>>,
    /// The notice scheduler's period (from [`TEST_NOTICE_PERIOD_VARIABLE`], debug builds only); `None`: a minute.
    pub notice_period: Option<Duration>,
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, BadArguments> {
        Self::parse_with(args, |name| std::env::var_os(name), cfg!(debug_assertions))
    }

    /// [`Options::parse`] with the environment read through `env`; the test settings are read only when
    /// `test_settings` is true (a debug build), so the unit tests can check what a release build does too.
    fn parse_with(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<OsString>,
        test_settings: bool,
    ) -> Result<Self, BadArguments> {
        let (clock_start, notice_period) = if test_settings { read_test_settings(&env)? } else { (None, None) };
        let mut options = Options {
            data_dir: env(DATA_DIR_VARIABLE).filter(|value| !value.is_empty()).map(PathBuf::from),
            startup_probe: env(STARTUP_PROBE_VARIABLE).is_some(),
            clock_start,
            notice_period,
            ..Options::default()
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--demo" => options.demo = true,
                "--data-dir" => {
                    let path = args.next().ok_or_else(|| BadArguments("--data-dir needs a folder".to_owned()))?;
                    options.data_dir = Some(PathBuf::from(path));
                }
                // A desktop never holds the team database's password: it joins the team's server instead.
                "--database-url" => {
                    return Err(BadArguments(
                        "--database-url is gone: a desktop works with a team through the team's server. Start \
                         Hiredesk on a new data folder and choose \"Join my team's server\"."
                            .to_owned(),
                    ))
                }
                "--help" | "-h" => options.help = true,
                "--version" | "-V" => options.version = true,
                other => match other.strip_prefix("--data-dir=") {
                    Some(path) => options.data_dir = Some(PathBuf::from(path)),
                    None => return Err(BadArguments(format!("unknown argument {other:?}"))),
                },
            }
        }
        Ok(options)
    }

    /// The core's configuration; `app_data_dir` is the OS's data folder for this app.
    pub fn core_config(&self, app_data_dir: PathBuf) -> HiredeskConfig {
        let data_dir = match (&self.data_dir, self.demo) {
            (Some(dir), _) => dir.clone(),
            // A demo never touches the user's real database.
            (None, true) => app_data_dir.join("demo"),
            (None, false) => app_data_dir,
        };
        let mut config = HiredeskConfig::new(data_dir);
        config.demo = self.demo;
        if let Some(start) = self.clock_start {
            config.clock = running_from(start);
        }
        config
    }
}

/// The test clock and the notice period, as a test set them; a value that cannot be read stops the app, so a
/// mistyped variable does not silently run a test on the real clock.
fn read_test_settings(
    env: &impl Fn(&str) -> Option<OsString>,
) -> Result<(Option<DateTime<Utc>>, Option<Duration>), BadArguments> {
    let text = |name: &str| {
        env(name)
            .map(|value| value.into_string().map_err(|value| BadArguments(format!("{name} is not text: {value:?}"))))
    };
    let clock_start = match text(TEST_CLOCK_VARIABLE).transpose()? {
        None => None,
        Some(value) => Some(DateTime::parse_from_rfc3339(value.trim()).map(|start| start.to_utc()).map_err(|_| {
            BadArguments(format!(
                "{TEST_CLOCK_VARIABLE} must be an RFC 3339 instant like 2026-11-17T08:59:30-05:00, not {value:?}"
            ))
        })?),
    };
    let notice_period = match text(TEST_NOTICE_PERIOD_VARIABLE).transpose()? {
        None => None,
        Some(value) => match value.trim().parse::<u64>() {
            // A period of zero would make the scheduler spin (tokio refuses it outright).
            Ok(millis) if millis > 0 => Some(Duration::from_millis(millis)),
            _ => {
                return Err(BadArguments(format!(
                    "{TEST_NOTICE_PERIOD_VARIABLE} must be a number of milliseconds above zero, not {value:?}"
                )))
            }
        },
    };
    Ok((clock_start, notice_period))
}

/// A clock that reads `start` now and then runs on at the real rate, so that waits and idle periods in a test
/// take as long as they would on the system clock.
fn running_from(start: DateTime<Utc>) -> Clock {
    let anchor = Instant::now();
    Arc::new(move || {
        // An elapsed time too large for chrono would take centuries of running; the start is then as good.
        TimeDelta::from_std(anchor.elapsed())
            .ok()
            .and_then(|elapsed| start.checked_add_signed(elapsed))
            .unwrap_or(start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Options {
        Options::parse(args.iter().map(|arg| (*arg).to_owned())).expect("parses")
    }

    /// A desktop never connects to the team's database: the option says where to go instead.
    #[test]
    fn a_database_url_is_refused_for_the_team_server() {
        let parsed = Options::parse(["--database-url".to_owned(), "postgres://app@127.0.0.1/team".to_owned()]);
        assert!(parsed.expect_err("refused").0.contains("Join my team's server"));
    }

    #[test]
    fn arguments() {
        assert!(parse(&["--demo"]).demo);
        assert_eq!(parse(&["--data-dir", "/tmp/x"]).data_dir, Some(PathBuf::from("/tmp/x")));
        assert_eq!(parse(&["--data-dir=/tmp/y"]).data_dir, Some(PathBuf::from("/tmp/y")));
        assert!(Options::parse(["--bogus".to_owned()]).is_err());
        assert!(Options::parse(["--data-dir".to_owned()]).is_err());
    }

    #[test]
    fn version() {
        assert!(parse(&["--version"]).version);
        assert!(parse(&["-V"]).version);
        assert!(!parse(&["--demo"]).version);
    }

    #[test]
    fn a_demo_gets_its_own_folder_unless_one_is_given() {
        let base = PathBuf::from("/data/hiredesk");
        let demo = Options { demo: true, ..Options::default() };
        assert_eq!(demo.core_config(base.clone()).data_dir, base.join("demo"));
        let real = Options::default();
        assert_eq!(real.core_config(base.clone()).data_dir, base);
        let given = Options { demo: true, data_dir: Some("/tmp/d".into()), ..Options::default() };
        assert_eq!(given.core_config(base).data_dir, PathBuf::from("/tmp/d"));
    }

    /// Parses an empty command line in an environment that holds exactly `variables`.
    fn parse_in(variables: &[(&str, &str)], test_settings: bool) -> Result<Options, BadArguments> {
        let variables: Vec<(String, OsString)> =
            variables.iter().map(|(name, value)| ((*name).to_owned(), OsString::from(value))).collect();
        let env = move |name: &str| variables.iter().find(|(known, _)| known == name).map(|(_, value)| value.clone());
        Options::parse_with(Vec::new(), env, test_settings)
    }

    #[test]
    fn a_debug_build_takes_the_test_clock_and_notice_period() {
        let options =
            parse_in(&[(TEST_CLOCK_VARIABLE, "2026-11-17T08:59:30-05:00"), (TEST_NOTICE_PERIOD_VARIABLE, "250")], true)
                .expect("parses");
        let start = DateTime::parse_from_rfc3339("2026-11-17T13:59:30Z").expect("an instant").to_utc();
        assert_eq!(options.clock_start, Some(start));
        assert_eq!(options.notice_period, Some(Duration::from_millis(250)));
        // The core's clock starts there and runs on.
        let clock = options.core_config(PathBuf::from("/data")).clock;
        let (first, second) = (clock(), clock());
        assert!(start <= first && first <= second && second < start + TimeDelta::minutes(1), "{first} {second}");
    }

    #[test]
    fn a_release_build_ignores_the_test_clock_and_notice_period() {
        let options = parse_in(
            &[(TEST_CLOCK_VARIABLE, "2026-11-17T08:59:30-05:00"), (TEST_NOTICE_PERIOD_VARIABLE, "250")],
            false,
        )
        .expect("parses");
        assert_eq!((options.clock_start, options.notice_period), (None, None));
        // Even a value that a debug build would refuse is not looked at.
        assert!(parse_in(&[(TEST_CLOCK_VARIABLE, "soon")], false).is_ok());
        let now = Utc::now();
        let clock = options.core_config(PathBuf::from("/data")).clock;
        assert!((clock() - now).abs() < TimeDelta::minutes(1), "the system clock");
    }

    #[test]
    fn test_settings_that_cannot_be_read_are_refused() {
        for (name, value) in [
            (TEST_CLOCK_VARIABLE, "2026-11-17 08:59"),
            (TEST_NOTICE_PERIOD_VARIABLE, "0"),
            (TEST_NOTICE_PERIOD_VARIABLE, "a second"),
        ] {
            let refused = parse_in(&[(name, value)], true).expect_err("refused");
            assert!(refused.0.starts_with(name), "{refused}");
        }
    }
}

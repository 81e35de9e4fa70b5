//! The command line: `hiredesk [--demo] [--data-dir PATH]`, and `HIREDESK_DATA_DIR`.

use hiredesk_core::HiredeskConfig;
use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: hiredesk [--demo] [--data-dir PATH]

  --demo            start on a fresh demo database (in its own folder unless --data-dir is given)
  --data-dir PATH   keep the database in PATH instead of the user's data folder
                    (HIREDESK_DATA_DIR does the same; the option wins)
  --version         show the version
  --help            show this text";

/// The environment variable that overrides the data directory (tests and demo runs use it).
pub const DATA_DIR_VARIABLE: &str = "HIREDESK_DATA_DIR";
/// Exports go into this folder instead of asking with the save dialog (tests, scripted use).
pub const EXPORT_DIR_VARIABLE: &str = "HIREDESK_EXPORT_DIR";
/// Set by `cargo xtask bench startup`: report when the first form is interactive, then quit.
pub const STARTUP_PROBE_VARIABLE: &str = "HIREDESK_STARTUP_PROBE";

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
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, BadArguments> {
        let mut options = Options {
            data_dir: std::env::var_os(DATA_DIR_VARIABLE).filter(|value| !value.is_empty()).map(PathBuf::from),
            startup_probe: std::env::var_os(STARTUP_PROBE_VARIABLE).is_some(),
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
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Options {
        Options::parse(args.iter().map(|arg| (*arg).to_owned())).expect("parses")
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
}

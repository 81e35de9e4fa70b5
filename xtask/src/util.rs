//! Small helpers: running commands, locating the workspace, the error type.

use std::fmt;
use std::path::PathBuf;
use std::process::Command;

/// Why a chore stopped, in words for the person who ran it.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The repository root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

/// The cargo that runs this xtask.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// Runs a command with inherited output; fails if it does not exit successfully.
pub fn run(command: &mut Command) -> Result<(), Failure> {
    let description = describe(command);
    println!("$ {description}");
    let status = command.status().map_err(|error| Failure::new(format!("could not start `{description}`: {error}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("`{description}` failed ({status})")))
    }
}

/// Tests counted from cargo's `test result:` lines.
#[derive(Debug, Default, Clone, Copy)]
pub struct TestCount {
    pub passed: u64,
    pub failed: u64,
}

/// Runs `cargo test …`, passing its output through, and adds the tests of every `test result:` line to
/// `count` (also when some fail).
pub fn run_tests(command: &mut Command, count: &mut TestCount) -> Result<(), Failure> {
    use std::io::{BufRead, BufReader};
    let description = describe(command);
    println!("$ {description}");
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| Failure::new(format!("could not start `{description}`: {error}")))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(result) = line.trim().strip_prefix("test result: ") {
                let number = |word: &str| {
                    result
                        .split(';')
                        .find_map(|part| {
                            part.trim().trim_start_matches("ok. ").trim_start_matches("FAILED. ").strip_suffix(word)
                        })
                        .and_then(|n| n.trim().parse::<u64>().ok())
                        .unwrap_or(0)
                };
                count.passed += number(" passed");
                count.failed += number(" failed");
            }
        }
    }
    let status = child.wait().map_err(|error| Failure::new(format!("`{description}`: {error}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("`{description}` failed ({status})")))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot start or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Whether `program` can be started from PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program().to_string_lossy().into_owned())
        .chain(command.get_args().map(|arg| arg.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_result_lines_are_counted_even_with_failures() {
        let mut count = TestCount::default();
        let mut command = Command::new("printf");
        command.arg(
            "running 3 tests\ntest result: ok. 3 passed; 0 failed; 0 ignored\nnoise\ntest result: \
        FAILED. 2 passed; 1 failed; 0 ignored\n",
        );
        run_tests(&mut command, &mut count).expect("printf succeeds");
        assert_eq!((count.passed, count.failed), (5, 1));
    }
}

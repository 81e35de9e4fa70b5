//! Tools from the npm registry that the build or the tests use as files (not as programs on PATH): each is
//! installed once, at a pinned version, into a folder of its own in the user's cache (so it survives
//! `cargo clean` and serves every clone), and found there by the next run without asking npm again.

use crate::util::{run, workspace_root, Failure};
use std::path::PathBuf;
use std::process::Command;

/// The folder of npm package `name` at `version` (its `node_modules/NAME`), installed first if it is not
/// there yet. `file` is one file the package must have, to tell a complete install from a broken one.
pub fn package(name: &str, version: &str, file: &str) -> Result<PathBuf, Failure> {
    let prefix = cache_dir().join(format!("{name}-{version}"));
    let folder = prefix.join("node_modules").join(name);
    if folder.join(file).is_file() {
        return Ok(folder);
    }
    println!("Installing {name} {version} from npm into {}.", prefix.display());
    std::fs::create_dir_all(&prefix).map_err(|error| Failure::new(format!("{}: {error}", prefix.display())))?;
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    run(Command::new(npm)
        .args(["install", "--no-audit", "--no-fund", "--no-package-lock", "--prefix"])
        .arg(&prefix)
        .arg(format!("{name}@{version}")))?;
    if folder.join(file).is_file() {
        Ok(folder)
    } else {
        Err(Failure::new(format!("npm installed {name}, but {} is not there", folder.join(file).display())))
    }
}

/// `$XDG_CACHE_HOME`, `~/.cache` or `%LOCALAPPDATA%`, in `hiredesk-build`; the workspace's `target/` when
/// none is known.
fn cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))
        .unwrap_or_else(|| workspace_root().join("target"));
    base.join("hiredesk-build")
}

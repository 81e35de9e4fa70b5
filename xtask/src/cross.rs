//! Type-checks of the desktop app for the other platforms' targets, run by the test command on Linux.
//!
//! Windows (`x86_64-pc-windows-gnu`) is checked for real: Debian's mingw-w64 compiles the C that `ring`
//! needs. macOS (`x86_64-apple-darwin`) has no C toolchain on Debian (no macOS SDK: `objc2-exception-helper`,
//! `mac-notification-sys`, `libsqlite3-sys` and `ring` build C or Objective-C for it), so its check stands
//! in an empty object for every C file: `cargo check` links nothing, so the Rust of every crate (ours with
//! its `cfg(target_os = "macos")` code included) is type-checked, and none of the C is compiled.

use crate::setup;
use crate::util::{cargo, run, workspace_root, Failure};
use std::path::PathBuf;

pub const WINDOWS: &str = "x86_64-pc-windows-gnu";
pub const MACOS: &str = "x86_64-apple-darwin";

/// The stand-in C compiler: preprocessing goes to the machine's own compiler (the `cc` crate asks which
/// compiler family it talks to that way), compiling writes an empty object where `-o` says, anything else
/// fails (so it is not mistaken for MSVC, whose probe `-?` it would otherwise pass).
const STAND_IN: &str = r#"#!/bin/sh
# Written by cargo xtask (xtask/src/cross.rs): an empty object for every C file of a type-check.
out=""; source=""; preprocess=""; compile=""
for arg in "$@"; do
  case "$arg" in
    -E) preprocess=1 ;;
    -c) compile=1 ;;
    *.c|*.m|*.cc|*.cpp|*.S|*.s) source="$arg" ;;
  esac
done
if [ -n "$preprocess" ]; then exec cc -E "$source"; fi
[ -n "$compile" ] || exit 1
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift ;;
  esac
  shift
done
[ -n "$out" ] && : > "$out"
"#;

pub fn windows() -> Result<(), Failure> {
    check(WINDOWS, &[])
}

pub fn macos() -> Result<(), Failure> {
    if cfg!(target_os = "macos") {
        return check(MACOS, &[]);
    }
    let stand_in = stand_in()?;
    let stand_in = stand_in.to_string_lossy().into_owned();
    check(
        MACOS,
        &[
            ("CC_x86_64_apple_darwin", stand_in.as_str()),
            ("CXX_x86_64_apple_darwin", stand_in.as_str()),
            ("AR_x86_64_apple_darwin", "ar"),
        ],
    )
}

/// `cargo check` of the desktop app for `target`, with its standard library added first.
fn check(target: &str, env: &[(&str, &str)]) -> Result<(), Failure> {
    setup::rust_target(target)?;
    let mut command = cargo();
    command.current_dir(workspace_root()).args(["check", "--quiet", "--target", target, "--package", "hiredesk"]);
    command.envs(env.iter().copied());
    run(&mut command)
}

/// Writes the stand-in compiler into `target/` and returns its path.
fn stand_in() -> Result<PathBuf, Failure> {
    let path = workspace_root().join("target").join("c-stand-in").join("cc");
    let fail = |error: std::io::Error| Failure::new(format!("{}: {error}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    std::fs::write(&path, STAND_IN).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(fail)?;
    }
    Ok(path)
}

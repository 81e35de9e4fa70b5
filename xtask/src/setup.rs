//! Installing what is missing: Debian/Ubuntu packages (with apt-get when root, otherwise the exact sudo
//! line), the wasm32 target, wasm-bindgen-cli at the version in Cargo.lock, and tauri-driver for tests.
//! Everything is checked first, so a second run installs nothing.

use crate::util::{cargo, on_path, output, run, workspace_root, Failure};
use std::process::Command;

/// What the app needs to build and run (webkit2gtk 4.1 and GTK 3, the tray's appindicator, the C toolchain).
const APP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libayatana-appindicator3-dev",
    "build-essential",
    "pkg-config",
    "file",
];
/// What the end-to-end tests add: Xvfb and dbus-daemon, which the suite starts once per scenario for its own
/// display and session bus, and WebKitWebDriver.
const TEST_PACKAGES: &[&str] = &["xvfb", "webkit2gtk-driver", "dbus"];
const TAURI_DRIVER_VERSION: &str = "2.1.0";

pub fn for_app() -> Result<(), Failure> {
    system_packages(APP_PACKAGES)?;
    wasm_target()?;
    wasm_bindgen_cli()
}

pub fn for_tests() -> Result<(), Failure> {
    let all: Vec<&str> = APP_PACKAGES.iter().chain(TEST_PACKAGES).copied().collect();
    system_packages(&all)?;
    wasm_target()?;
    wasm_bindgen_cli()?;
    if cfg!(target_os = "linux") {
        tauri_driver()?;
    }
    Ok(())
}

fn system_packages(packages: &[&str]) -> Result<(), Failure> {
    if !cfg!(target_os = "linux") || !on_path("dpkg-query") {
        println!("Not a Debian/Ubuntu system: system packages are not checked (see README for prerequisites).");
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            output("dpkg-query", &["-W", "-f=${db:Status-Abbrev}", package])
                .is_none_or(|status| !status.starts_with("ii"))
        })
        .collect();
    if missing.is_empty() {
        println!("System packages: all present.");
        return Ok(());
    }
    let is_root = output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(Failure::new(format!(
            "These system packages are missing. Install them, then run the command again:\n\n  \
             sudo apt-get update && sudo apt-get install -y --no-install-recommends {}\n",
            missing.join(" ")
        )));
    }
    println!("Installing system packages: {}", missing.join(" "));
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn wasm_target() -> Result<(), Failure> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    if !on_path("rustup") {
        return Err(Failure::new("The wasm32-unknown-unknown target is needed and rustup is not available to add it."));
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version the UI is locked to: the CLI must be exactly the same version.
pub fn locked_wasm_bindgen_version() -> Result<String, Failure> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))
        .map_err(|error| Failure::new(format!("Cargo.lock could not be read: {error}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|next| next.trim().strip_prefix("version = ")) {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    Err(Failure::new("Cargo.lock has no wasm-bindgen entry"))
}

fn wasm_bindgen_cli() -> Result<(), Failure> {
    let wanted = locked_wasm_bindgen_version()?;
    let installed = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    println!("Installing wasm-bindgen-cli {wanted} (the version in Cargo.lock); this takes a few minutes once.");
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

fn tauri_driver() -> Result<(), Failure> {
    if on_path("tauri-driver") {
        return Ok(());
    }
    println!("Installing tauri-driver {TAURI_DRIVER_VERSION}.");
    run(cargo().args(["install", "tauri-driver", "--locked", "--version", TAURI_DRIVER_VERSION]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locked_wasm_bindgen_version_is_found() {
        let version = locked_wasm_bindgen_version().expect("Cargo.lock names wasm-bindgen");
        assert!(version.starts_with("0.2."), "{version}");
    }
}

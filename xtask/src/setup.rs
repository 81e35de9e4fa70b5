//! Installing what is missing: Debian/Ubuntu packages (with apt-get when root, otherwise the exact sudo
//! line), the wasm32 target (and the cross-check targets), wasm-bindgen-cli at the version in Cargo.lock, for
//! tests tauri-driver, diesel_cli (the core's schema test runs its `print-schema`) and axe-core (the
//! end-to-end accessibility pass), npm for packaging, and binaryen's wasm-opt for the UI build (from npm, into
//! a cache folder outside the repository, `npm.rs`). Everything is checked first, so a second run installs
//! nothing.

use crate::npm;
use crate::util::{cargo, on_path, output, run, workspace_root, Failure};
use std::path::PathBuf;
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
/// What the tests add: Xvfb and dbus-daemon, which the end-to-end suite starts once per scenario for its own
/// display and session bus, and WebKitWebDriver; PostgreSQL, whose server the core's suite runs on a second
/// time, and libpq to build the core with its `postgres` feature; the C cross-compiler of the Windows
/// type-check (`ring` builds C); and GNOME Keyring, the Secret Service the core's credential-store test runs on
/// its own session bus.
const TEST_PACKAGES: &[&str] =
    &["xvfb", "webkit2gtk-driver", "dbus", "postgresql", "libpq-dev", "gcc-mingw-w64-x86-64", "gnome-keyring"];
/// Packaging runs the Tauri CLI from npm (Node.js and npm come with Debian's `npm` when they are missing),
/// and reads the `.rpm` it made with `rpm`.
const NPM: &str = "npm";
const RPM: &str = "rpm";
const TAURI_DRIVER_VERSION: &str = "2.1.0";
/// binaryen's wasm-opt for the UI's wasm, from its npm package (binaryen built for Node.js). Debian's binaryen is
/// too old for the wasm features rustc emits; the npm package is recent and needs nothing but Node.js.
pub const BINARYEN_VERSION: &str = "132.0.0";
/// The Diesel CLI the schema is generated with; its output is what `crates/core/src/db/schema.rs` must equal, so
/// it is pinned like the other tools (the same release line as the `diesel` crate in Cargo.lock).
const DIESEL_CLI_VERSION: &str = "2.3.14";
/// axe-core, the accessibility engine the end-to-end suite runs in the app's page (`tests/e2e/accessibility.rs`);
/// pinned, so a new release's new rules do not turn a run red on their own.
const AXE_CORE_VERSION: &str = "4.10.3";

pub fn for_app() -> Result<(), Failure> {
    let mut packages: Vec<&str> = APP_PACKAGES.to_vec();
    packages.extend(node());
    system_packages(&packages)?;
    wasm_target()?;
    wasm_bindgen_cli()
}

/// What `cargo xtask bench size` needs beyond the app: the compressors it measures with.
pub fn for_size_bench() -> Result<(), Failure> {
    for_app()?;
    system_packages(&["gzip", "brotli"])
}

/// What `cargo xtask bench ui` and `bench memory` need beyond the app: a virtual display, a session bus,
/// WebKitWebDriver and tauri-driver, which drive the release build.
pub fn for_driven_bench() -> Result<(), Failure> {
    for_app()?;
    system_packages(TEST_PACKAGES)?;
    if cfg!(target_os = "linux") {
        tauri_driver()?;
    }
    Ok(())
}

/// What `cargo xtask package` needs: the app's packages, the UI's tools, and npx.
pub fn for_package() -> Result<(), Failure> {
    let mut packages: Vec<&str> = APP_PACKAGES.to_vec();
    packages.extend(packaging());
    system_packages(&packages)?;
    wasm_target()?;
    wasm_bindgen_cli()
}

/// What `cargo xtask run --team-demo` needs beyond the app: PostgreSQL and libpq.
pub fn for_team_demo() -> Result<(), Failure> {
    for_app()?;
    system_packages(&["postgresql", "libpq-dev"])
}

pub fn for_tests() -> Result<(), Failure> {
    let mut all: Vec<&str> = APP_PACKAGES.iter().chain(TEST_PACKAGES).copied().collect();
    all.extend(packaging());
    system_packages(&all)?;
    wasm_target()?;
    toolchain_components()?;
    wasm_bindgen_cli()?;
    if cfg!(target_os = "linux") {
        tauri_driver()?;
    }
    axe_core_script()?;
    diesel_cli()
}

/// axe-core's script, installed from npm first if it is missing; the end-to-end suite reads it from
/// `HIREDESK_AXE_SCRIPT`.
pub fn axe_core_script() -> Result<PathBuf, Failure> {
    Ok(npm::package("axe-core", AXE_CORE_VERSION, "axe.min.js")?.join("axe.min.js"))
}

/// Node.js and npm for the UI build's wasm-opt: Debian's `npm` (which brings Node.js) unless both are on PATH
/// already (a machine may have Node.js from elsewhere).
fn node() -> Vec<&'static str> {
    if on_path("node") && on_path(NPM) {
        vec![]
    } else {
        vec![NPM]
    }
}

/// The wasm-opt script of binaryen's npm package (run it with `node`), installed on first use.
pub fn wasm_opt() -> Result<PathBuf, Failure> {
    Ok(npm::package("binaryen", BINARYEN_VERSION, "bin/wasm-opt")?.join("bin").join("wasm-opt"))
}

/// The Debian packages that packaging needs here: rpm always, npm only where no npx is on PATH already (a
/// machine may have Node.js from elsewhere).
fn packaging() -> Vec<&'static str> {
    if on_path("npx") {
        vec![RPM]
    } else {
        vec![RPM, NPM]
    }
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
    rust_target("wasm32-unknown-unknown")
}

/// Adds the standard library of `target` with rustup unless it is there.
pub fn rust_target(target: &str) -> Result<(), Failure> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    if !on_path("rustup") {
        return Err(Failure::new(format!("The {target} target is needed and rustup is not available to add it.")));
    }
    run(Command::new("rustup").args(["target", "add", target]))
}

/// rustfmt and clippy, which the test command's first phases run (rustup's default profile has them; a
/// minimal one does not).
fn toolchain_components() -> Result<(), Failure> {
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|component| !installed.lines().any(|line| line.starts_with(&format!("{component}-"))))
        .collect();
    if missing.is_empty() || !on_path("rustup") {
        return Ok(());
    }
    run(Command::new("rustup").args(["component", "add"]).args(&missing))
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

/// The version `diesel --version` reports (its second line reads ` Version: 2.3.14`), if one is installed.
fn installed_diesel_version(output: &str) -> Option<&str> {
    output.lines().find_map(|line| line.trim().strip_prefix("Version:")).map(str::trim)
}

fn diesel_cli() -> Result<(), Failure> {
    let installed = output("diesel", &["--version"]).unwrap_or_default();
    if installed_diesel_version(&installed) == Some(DIESEL_CLI_VERSION) {
        return Ok(());
    }
    // SQLite only, and bundled like the app's, so no system library is needed (about 3 minutes of CPU once).
    println!("Installing diesel_cli {DIESEL_CLI_VERSION} (SQLite only) for the schema test; a few minutes, once.");
    run(cargo().args([
        "install",
        "diesel_cli",
        "--locked",
        "--version",
        DIESEL_CLI_VERSION,
        "--no-default-features",
        "--features",
        "sqlite-bundled",
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_diesel_version_is_read_from_its_version_line() {
        let printed = "diesel \n Version: 2.3.14\n Supported Backends: sqlite\n";
        assert_eq!(installed_diesel_version(printed), Some("2.3.14"));
        assert_eq!(installed_diesel_version(""), None);
    }

    #[test]
    fn the_locked_wasm_bindgen_version_is_found() {
        let version = locked_wasm_bindgen_version().expect("Cargo.lock names wasm-bindgen");
        assert!(version.starts_with("0.2."), "{version}");
    }
}

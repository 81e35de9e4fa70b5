//! Building the UI: the Yew crate to wasm with the size-first `wasm-release` profile, wasm-bindgen's
//! JavaScript glue, binaryen's `wasm-opt -Oz` over the wasm, and the static files, into `ui/dist` (which the
//! shell embeds at compile time). Files are only rewritten when their content changes, so an unchanged UI
//! does not make cargo rebuild the shell.
//!
//! The web view fetches and compiles the whole wasm at every start, so its size is start-up time. The name
//! section (a fifth of an unoptimised file) is only read by debuggers: wasm-bindgen and wasm-opt both drop it.
//! wasm-opt takes tens of seconds on two cores, so its answer is kept in `target/ui-optimised/` and reused
//! while wasm-bindgen's output stays the same.

use crate::setup;
use crate::util::{cargo, run, workspace_root, Failure};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The profile of the UI's wasm (see the root Cargo.toml).
const PROFILE: &str = "wasm-release";
/// The wasm that wasm-bindgen writes beside its JavaScript, and that the web view loads.
pub const WASM: &str = "hiredesk_ui_bg.wasm";

pub fn build() -> Result<(), Failure> {
    let root = workspace_root();
    run(cargo().current_dir(&root).args([
        "build",
        "--quiet",
        "--package",
        "hiredesk-ui",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        PROFILE,
    ]))?;
    let staging = root.join("target").join("ui-staging");
    let _ = std::fs::remove_dir_all(&staging);
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--remove-name-section", "--remove-producers-section"])
        .arg("--out-dir")
        .arg(&staging)
        .arg(compiled_wasm()))?;
    optimise(&staging.join(WASM), &root.join("target").join("ui-optimised"))?;
    let dist = root.join("ui").join("dist");
    std::fs::create_dir_all(&dist).map_err(|error| Failure::new(format!("ui/dist: {error}")))?;
    sync(&staging, &dist)?;
    sync(&root.join("ui").join("static"), &dist)?;
    println!("UI built into {}", dist.display());
    Ok(())
}

/// The wasm as rustc leaves it, before wasm-bindgen (it still has its name section).
pub fn compiled_wasm() -> PathBuf {
    workspace_root().join("target/wasm32-unknown-unknown").join(PROFILE).join("hiredesk_ui.wasm")
}

/// What wasm-opt is asked for: shrink the code, and drop what the web view never reads. wasm-opt may use the
/// features rustc recorded in the wasm's `target_features` section, which it then drops too.
const WASM_OPT_ARGUMENTS: &[&str] = &["-Oz", "--strip-debug", "--strip-producers", "--strip-target-features"];

/// Runs wasm-opt over `wasm` in place, or takes the kept answer when `wasm`, wasm-opt's version and its
/// arguments are what they were last time.
fn optimise(wasm: &Path, kept: &Path) -> Result<(), Failure> {
    let (kept_input, kept_output, kept_key) = (kept.join("input.wasm"), kept.join("output.wasm"), kept.join("key"));
    let input = read(wasm)?;
    let key = format!("binaryen {} {}", setup::BINARYEN_VERSION, WASM_OPT_ARGUMENTS.join(" "));
    let same_key = std::fs::read_to_string(&kept_key).ok().as_deref() == Some(key.as_str());
    if same_key && std::fs::read(&kept_input).ok().as_deref() == Some(input.as_slice()) {
        if let Ok(output) = std::fs::read(&kept_output) {
            return write(wasm, &output);
        }
    }
    let wasm_opt = setup::wasm_opt()?;
    let _ = std::fs::remove_dir_all(kept);
    std::fs::create_dir_all(kept).map_err(|error| Failure::new(format!("{}: {error}", kept.display())))?;
    run(Command::new("node").arg(&wasm_opt).args(WASM_OPT_ARGUMENTS).arg(wasm).arg("-o").arg(&kept_output))?;
    write(&kept_input, &input)?;
    write(&kept_key, key.as_bytes())?;
    write(wasm, &read(&kept_output)?)
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|error| Failure::new(format!("{}: {error}", path.display())))
}

fn write(path: &Path, content: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, content).map_err(|error| Failure::new(format!("{}: {error}", path.display())))
}

/// Copies every file of `from` into `to`, skipping files whose content is already the same.
fn sync(from: &Path, to: &Path) -> Result<(), Failure> {
    let entries = std::fs::read_dir(from).map_err(|error| Failure::new(format!("{}: {error}", from.display())))?;
    for entry in entries.flatten() {
        let source = entry.path();
        if !source.is_file() {
            continue;
        }
        let target = to.join(entry.file_name());
        let content = read(&source)?;
        if std::fs::read(&target).ok().as_deref() != Some(content.as_slice()) {
            write(&target, &content)?;
        }
    }
    Ok(())
}

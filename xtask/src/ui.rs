//! Building the UI: the Yew crate to wasm, wasm-bindgen's JavaScript glue, and the static files, into
//! `ui/dist` (which the shell embeds at compile time). Files are only rewritten when their content changes,
//! so an unchanged UI does not make cargo rebuild the shell.

use crate::util::{cargo, run, workspace_root, Failure};
use std::path::Path;
use std::process::Command;

pub fn build() -> Result<(), Failure> {
    let root = workspace_root();
    run(cargo().current_dir(&root).args([
        "build",
        "--quiet",
        "--package",
        "hiredesk-ui",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ]))?;
    let staging = root.join("target").join("ui-staging");
    let _ = std::fs::remove_dir_all(&staging);
    let wasm = root.join("target/wasm32-unknown-unknown/release/hiredesk_ui.wasm");
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&staging)
        .arg(&wasm))?;
    let dist = root.join("ui").join("dist");
    std::fs::create_dir_all(&dist).map_err(|error| Failure::new(format!("ui/dist: {error}")))?;
    sync(&staging, &dist)?;
    sync(&root.join("ui").join("static"), &dist)?;
    println!("UI built into {}", dist.display());
    Ok(())
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
        let content = std::fs::read(&source).map_err(|error| Failure::new(format!("{}: {error}", source.display())))?;
        if std::fs::read(&target).ok().as_deref() != Some(content.as_slice()) {
            std::fs::write(&target, content).map_err(|error| Failure::new(format!("{}: {error}", target.display())))?;
        }
    }
    Ok(())
}

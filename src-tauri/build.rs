//! Generates the Tauri context and the app's permission manifest: one `allow-<command>` permission for
//! each command named in `hiredesk_wire::Command`, so the manifest cannot miss a command.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(hiredesk_wire::Command::NAMES));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports by failing; there is no caller to hand the error to.
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}

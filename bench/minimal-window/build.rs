//! Generates the minimal window's Tauri context, as every Tauri app's build script does.

fn main() {
    tauri_build::build();
}

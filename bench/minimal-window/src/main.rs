//! The smallest Tauri window: a page with one form that reports when its script has run, then quits, or
//! stays open when `HIREDESK_STARTUP_PROBE` is `stay`. `cargo xtask bench startup` measures Hiredesk's cold
//! start against this, and `cargo xtask bench memory` its idle memory, built with the same Tauri.

#[tauri::command]
fn ready(app: tauri::AppHandle) {
    println!("hiredesk-ready");
    if std::env::var_os("HIREDESK_STARTUP_PROBE").is_none_or(|value| value != "stay") {
        app.exit(0);
    }
}

fn main() {
    let result =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![ready]).run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("bench-minimal-window: {error}");
        std::process::exit(1);
    }
}

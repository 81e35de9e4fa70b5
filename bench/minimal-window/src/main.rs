//! The smallest Tauri window: a page with one form that reports when its script has run, then quits, or
//! stays open when `HIREDESK_STARTUP_PROBE` is `stay`. `cargo xtask bench startup` measures Hiredesk's cold
//! start against this, and `cargo xtask bench memory` its idle memory, built with the same Tauri. Like
//! Hiredesk under the probe, it prints the points of its timeline that both have (`main`, the page's time
//! origin) as `hiredesk-mark` lines, so the benchmark can tell where the two starts part.

#[tauri::command]
fn ready(app: tauri::AppHandle, time_origin: f64) {
    println!("hiredesk-mark {time_origin:.3} page: time origin");
    println!("hiredesk-ready");
    if std::env::var_os("HIREDESK_STARTUP_PROBE").is_none_or(|value| value != "stay") {
        app.exit(0);
    }
}

fn main() {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    println!("hiredesk-mark {:.3} shell: main", now.as_secs_f64() * 1000.0);
    let result =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![ready]).run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("bench-minimal-window: {error}");
        std::process::exit(1);
    }
}

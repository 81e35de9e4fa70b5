//! The smallest Tauri window: a page with one form that reports when its script has run, then quits.
//! `cargo xtask bench startup` measures Hiredesk's cold start against this, built with the same Tauri.

#[tauri::command]
fn ready(app: tauri::AppHandle) {
    println!("hiredesk-ready");
    app.exit(0);
}

fn main() {
    let result =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![ready]).run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("bench-minimal-window: {error}");
        std::process::exit(1);
    }
}

//! The desktop shell: the only crate that knows Tauri.
//!
//! It reads the command line, takes the data folder for this process (or asks the Hiredesk already running
//! on it to show itself, see [`instance`]), builds the Tauri app with one managed [`state::AppState`],
//! registers the commands (thin adapters onto `hiredesk-core`), opens the main window and puts the tray icon
//! up. No rule lives here.

mod cli;
mod commands;
mod instance;
mod notifier;
mod print_window;
mod state;
mod tray;
mod workers;

use state::AppState;
use tauri::Manager;

/// Builds and runs the app until Quit in the tray (closing the main window hides it to the tray).
pub fn run() {
    let options = match cli::Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("hiredesk: {message}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    if options.help {
        println!("{}", cli::USAGE);
        return;
    }
    let context = tauri::generate_context!();
    // The data folder is taken before the window system starts, so that a second start ends without starting
    // GTK: ending just after it started could crash (tao's X11 device thread was still opening its display
    // while the exit handlers ran). Tauri's app data folder is the system's data folder and the identifier
    // (no override is configured); with --data-dir that one is not needed.
    let app_data_dir = dirs::data_dir().map(|dir| dir.join(&context.config().identifier));
    let Some(config) = app_data_dir.or_else(|| options.data_dir.clone()).map(|dir| options.core_config(dir)) else {
        eprintln!("hiredesk: this system names no folder for application data; start it with --data-dir PATH");
        std::process::exit(1);
    };
    let instance = match instance::claim(&config.data_dir) {
        Ok(Some(instance)) => instance,
        Ok(None) => {
            let shown = instance::ask_to_show(&config.data_dir);
            println!(
                "Hiredesk is already running on {}{}.",
                config.data_dir.display(),
                if shown { "; its window was brought forward" } else { "; open it from the tray" }
            );
            return;
        }
        Err(error) => {
            eprintln!("hiredesk: the data folder {} cannot be used: {error}", config.data_dir.display());
            std::process::exit(1);
        }
    };
    let result = app_builder()
        .setup(move |app| {
            app.manage(instance);
            let handle = app.handle().clone();
            instance::listen(&config.data_dir, move || tray::show_main_window(&handle));
            let web_view_data = config.data_dir.join("webview");
            app.manage(AppState::new(config, web_view_data.clone(), options.startup_probe));
            open_main_window(app, &web_view_data)?;
            tray::install(app.handle())?;
            workers::start(app.handle().clone(), options.notice_period);
            Ok(())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("hiredesk: the app stopped with an error: {error}");
        std::process::exit(1);
    }
}

/// Opens the main window (configured in tauri.conf.json with `create: false`) with a web view data folder
/// that starts empty at every start. The UI keeps nothing in the web view (drafts and settings live in the
/// database), and WebKit's HTTP cache would otherwise serve an old build's wasm beside a new build's
/// JavaScript after an upgrade: a blank window. Beside the database, so each data directory (each test) has
/// its own.
fn open_main_window(app: &mut tauri::App, web_view_data: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    match std::fs::remove_dir_all(web_view_data) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("{}: {error}", web_view_data.display()).into()),
    }
    let window = app.config().app.windows.first().cloned().ok_or("tauri.conf.json has no window")?;
    tauri::WebviewWindowBuilder::from_config(app.handle(), &window)?
        .data_directory(web_view_data.to_path_buf())
        .build()?;
    Ok(())
}

/// The list of handlers: every row of the command table (`hiredesk_wire::for_each_command!`), its adapter in
/// [`commands`].
macro_rules! handlers {
    ($(
        $name:ident: $variant:ident($request:ty) -> $response:ty [$window:ident, $caller:ident, $handler:ident];
    )+) => {
        tauri::generate_handler![$(commands::$name),+]
    };
}

/// The builder with every command of the table registered.
fn app_builder() -> tauri::Builder<tauri::Wry> {
    // The dialog plugin is used from Rust only (the save dialog of exports); the UI is granted none of its
    // commands.
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(tray::on_window_event)
        .invoke_handler(hiredesk_wire::for_each_command!(handlers))
}

//! The desktop shell: the only crate that knows Tauri.
//!
//! It reads the command line, starts the log (`diagnostics.rs`), takes the data folder for this process (or
//! asks the Hiredesk already running on it to show itself, see `instance.rs`), builds the Tauri app with one
//! managed `AppState` (`state.rs`), registers the commands (thin adapters onto `hiredesk-core`), opens the
//! main window and puts the tray icon up. A start-up failure is shown in a message box (`startup.rs`). No rule
//! lives here.

mod cli;
mod commands;
mod diagnostics;
mod instance;
mod notifier;
mod print_window;
mod startup;
mod state;
mod tray;
mod window_state;
mod workers;

use diagnostics::LogFiles;
use hiredesk_core::HiredeskConfig;
use startup::StartupError;
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
    if options.version {
        println!("Hiredesk {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    let app = app_builder()
        .setup(move |app| {
            start(app, &options);
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(on_event),
        Err(error) => {
            // Before the data folder is known there is no log file: the terminal is all there is.
            eprintln!("hiredesk: the app could not start: {error}");
            std::process::exit(1);
        }
    }
}

/// Starts logging on the data folder, then everything else; what fails is shown in a message box.
fn start(app: &mut tauri::App, options: &cli::Options) {
    let app_data_dir = match app.path().app_data_dir() {
        Ok(dir) => dir,
        Err(error) => {
            let logs = diagnostics::start(None);
            return startup::fail(app.handle(), &StartupError::NoDataFolder(error), &logs);
        }
    };
    let config = options.core_config(app_data_dir);
    let logs = diagnostics::start(Some(&config.data_dir));
    if let Err(error) = start_on(app, options, config, &logs) {
        startup::fail(app.handle(), &error, &logs);
    }
}

fn start_on(
    app: &mut tauri::App,
    options: &cli::Options,
    config: HiredeskConfig,
    logs: &LogFiles,
) -> Result<(), StartupError> {
    let data_dir = config.data_dir.clone();
    let claimed =
        instance::claim(&data_dir).map_err(|source| StartupError::DataFolder { path: data_dir.clone(), source })?;
    let Some(instance) = claimed else { return hand_over(app.handle(), &data_dir) };
    app.manage(instance);
    let handle = app.handle().clone();
    if let Err(error) = instance::listen(&data_dir, move || tray::show_main_window(&handle)) {
        tracing::warn!("a second start will not bring this window forward: {error}");
    }
    if let Err(error) = window_state::remember(app.handle(), &data_dir) {
        tracing::warn!("the window's size and position will not be remembered: {error}");
    }
    let web_view_data = data_dir.join("webview");
    app.manage(AppState::new(config, web_view_data.clone(), logs.clone(), options.startup_probe));
    open_main_window(app, &web_view_data)?;
    // Without a tray the app still works: a second start shows a hidden window.
    if let Err(error) = tray::install(app.handle()) {
        tracing::warn!("no tray icon: {error}");
    }
    notifier::init(app.handle());
    open_database(app.handle().clone(), logs.clone());
    Ok(())
}

/// Another Hiredesk holds the data folder: asks it to show its window and ends, or says why it cannot.
fn hand_over(app: &tauri::AppHandle, data_dir: &std::path::Path) -> Result<(), StartupError> {
    match instance::ask_to_show(data_dir) {
        instance::Handover::Shown => {
            tracing::info!("Hiredesk is already running on this data folder; its window was brought forward");
            println!("Hiredesk is already running on {}; its window was brought forward.", data_dir.display());
            // Through the event loop: `std::process::exit` here, with GTK started, can crash on the way out.
            app.exit(0);
            Ok(())
        }
        instance::Handover::OtherUser(user) => Err(StartupError::InUseByOtherUser { path: data_dir.into(), user }),
        instance::Handover::NoAnswer(source) => Err(StartupError::NotAnswering { path: data_dir.into(), source }),
    }
}

/// Opens the database on a worker thread (migrations and a demo load never run on the UI thread), then
/// starts the background workers; a database that cannot be opened is a start-up failure.
fn open_database(app: tauri::AppHandle, logs: LogFiles) {
    tauri::async_runtime::spawn(async move {
        match app.state::<AppState>().hiredesk().await {
            Ok(_) => workers::start(app.clone()),
            Err(error) => startup::fail(&app, &StartupError::Database(error.message), &logs),
        }
    });
}

/// Opens the main window (configured in tauri.conf.json with `create: false`) with a web view data folder
/// that starts empty at every start. The UI keeps nothing in the web view (drafts and settings live in the
/// database), and WebKit's HTTP cache would otherwise serve an old build's wasm beside a new build's
/// JavaScript after an upgrade: a blank window. Beside the database, so each data directory (each test) has
/// its own.
fn open_main_window(app: &mut tauri::App, web_view_data: &std::path::Path) -> Result<(), StartupError> {
    match std::fs::remove_dir_all(web_view_data) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(StartupError::DataFolder { path: web_view_data.into(), source }),
    }
    let window =
        app.config().app.windows.first().cloned().ok_or_else(|| StartupError::Window(tauri::Error::WindowNotFound))?;
    tauri::WebviewWindowBuilder::from_config(app.handle(), &window)?
        .data_directory(web_view_data.to_path_buf())
        .build()?;
    Ok(())
}

/// Events of the running app. On macOS, a click on the Dock icon of a running Hiredesk whose window is
/// hidden (closed to the menu bar) shows the window again.
fn on_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    #[cfg(target_os = "macos")]
    if let tauri::RunEvent::Reopen { .. } = event {
        tray::show_main_window(app);
    }
    #[cfg(not(target_os = "macos"))]
    let _ = (app, event);
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
    // The dialog plugin is used from Rust only (the save dialog of exports, the start-up failure's message
    // box); the UI is granted none of its commands.
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(tray::on_window_event)
        .invoke_handler(hiredesk_wire::for_each_command!(handlers))
}

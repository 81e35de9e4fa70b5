//! The desktop shell: the only crate that knows Tauri.
//!
//! It reads the command line, starts the log (`diagnostics.rs`) and takes the data folder for this process, or
//! asks the Hiredesk already running on it to show itself (`instance.rs`), all before the window system
//! starts. Then it builds the Tauri app with one managed `AppState` (`state.rs`), registers the commands (thin
//! adapters onto `hiredesk-core`), opens the main window and puts the tray icon up. A start-up failure is
//! shown in a message box (`startup.rs`). No rule lives here.

mod cli;
mod commands;
mod diagnostics;
mod following;
mod import_file;
mod instance;
mod notifier;
mod offline;
mod offline_reminders;
mod print_window;
mod startup;
mod state;
mod team;
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
    startup_mark(options.startup_probe, "main");
    let context = tauri::generate_context!();
    // The data folder is taken before the window system starts, so that a second start ends without starting
    // GTK: ending just after it started could crash (tao's X11 device thread was still opening its display
    // while the exit handlers ran). Tauri's app data folder is the system's data folder and the identifier
    // (no override is configured); with --data-dir that one is not needed.
    let app_data_dir = dirs::data_dir().map(|dir| dir.join(&context.config().identifier));
    let config = app_data_dir.or_else(|| options.data_dir.clone()).map(|dir| options.core_config(dir));
    let logs = diagnostics::start(config.as_ref().map(|config| config.data_dir.as_path()));
    // A start-up failure found here still starts the app, but only to show its message box.
    let claimed = match config {
        None => Err(StartupError::NoDataFolder),
        Some(config) => match claim(&config.data_dir) {
            Ok(Some(instance)) => Ok((config, instance)),
            Ok(None) => return,
            Err(error) => Err(error),
        },
    };
    let app = app_builder()
        .setup(move |app| {
            let started = claimed.and_then(|(config, instance)| start_on(app, &options, config, instance, &logs));
            if let Err(error) = started {
                startup::fail(app.handle(), &error, &logs);
            }
            Ok(())
        })
        .build(context);
    match app {
        Ok(app) => app.run(on_event),
        Err(error) => {
            tracing::error!("the app could not start: {error}");
            eprintln!("hiredesk: the app could not start: {error}");
            std::process::exit(1);
        }
    }
}

/// Takes the data folder for this process, before GTK starts. `Ok(None)`: another Hiredesk of this user holds
/// it and has shown its window, so this start ends here.
fn claim(data_dir: &std::path::Path) -> Result<Option<instance::Instance>, StartupError> {
    let claimed =
        instance::claim(data_dir).map_err(|source| StartupError::DataFolder { path: data_dir.into(), source })?;
    if claimed.is_some() {
        return Ok(claimed);
    }
    match instance::ask_to_show(data_dir) {
        instance::Handover::Shown => {
            tracing::info!("Hiredesk is already running on this data folder; its window was brought forward");
            println!("Hiredesk is already running on {}; its window was brought forward.", data_dir.display());
            Ok(None)
        }
        instance::Handover::OtherUser(user) => Err(StartupError::InUseByOtherUser { path: data_dir.into(), user }),
        instance::Handover::NoAnswer(source) => Err(StartupError::NotAnswering { path: data_dir.into(), source }),
    }
}

/// Everything after the data folder is this process's: the window, the tray, and the database and the workers
/// (solo), or the team server (when the data folder says the desktop joined one).
fn start_on(
    app: &mut tauri::App,
    options: &cli::Options,
    config: HiredeskConfig,
    instance: instance::Instance,
    logs: &LogFiles,
) -> Result<(), StartupError> {
    startup_mark(options.startup_probe, "setup");
    let data_dir = config.data_dir.clone();
    app.manage(instance);
    let handle = app.handle().clone();
    if let Err(error) = instance::listen(&data_dir, move || tray::show_main_window(&handle)) {
        tracing::warn!("a second start will not bring this window forward: {error}");
    }
    if let Err(error) = window_state::remember(app.handle(), &data_dir) {
        tracing::warn!("the window's size and position will not be remembered: {error}");
    }
    let web_view_data = data_dir.join("webview");
    let joined = team::read(&data_dir)?;
    app.manage(AppState::new(config, web_view_data.clone(), logs.clone(), options.startup_probe));
    if let Some(join) = &joined {
        let team = team::TeamDesk::new(join, &data_dir).map_err(|error| StartupError::Team(error.message))?;
        tracing::info!("team mode: commands go to {}", join.address);
        app.state::<AppState>().work_with_team(team);
    }
    open_main_window(app, &web_view_data)?;
    startup_mark(options.startup_probe, "window built");
    // The tray waits for the first form (`app_ready`), and for no longer than this.
    let handle = app.handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(tray::AT_THE_LATEST);
        tray::put_up(&handle);
    });
    notifier::init(app.handle());
    following::follow_the_server(app.handle().clone());
    // In team mode the server runs the mail worker and the notice scheduler, on the team's database.
    if joined.is_none() {
        open_database(app.handle().clone(), logs.clone(), options.notice_period);
    }
    Ok(())
}

/// Opens the database on a worker thread (migrations and a demo load never run on the UI thread), then
/// starts the background workers; a database that cannot be opened is a start-up failure.
fn open_database(app: tauri::AppHandle, logs: LogFiles, notice_period: Option<std::time::Duration>) {
    tauri::async_runtime::spawn(async move {
        match app.state::<AppState>().hiredesk().await {
            Ok(_) => {
                startup_mark(app.state::<AppState>().startup_probe, "database open");
                workers::start(app.clone(), notice_period)
            }
            Err(error) => startup::fail(&app, &StartupError::Database(error.message), &logs),
        }
    });
}

/// Under the start-up benchmark, prints a point of the shell's own for its timeline, in milliseconds since the
/// Unix epoch like the page's (the benchmark sets them against the moment it started the app).
fn startup_mark(probe: bool, what: &str) {
    if probe {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        println!("hiredesk-mark {:.3} shell: {what}", now.as_secs_f64() * 1000.0);
    }
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

//! The tray icon (SPEC NT-5): Open shows the main window, Quit ends the app. Closing the main window only
//! hides it here, so the notice scheduler (`workers.rs`, which never needed the window) keeps showing
//! reminders until Quit.

use std::sync::Once;
use std::time::Duration;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, WebviewWindow, Window, WindowEvent};

pub const MAIN_WINDOW: &str = "main";
const OPEN: &str = "open";
const QUIT: &str = "quit";

/// How long after the window is built the tray icon is put up when no page has reported its first form by
/// then (a page that never loads still leaves Open and Quit in the tray).
pub const AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Puts the tray icon up once per run, on the main thread: when the first form is on screen (the UI's
/// `app_ready`), or at [`AT_THE_LATEST`], whichever comes first. Building it earlier cost the main thread
/// during start-up, while the web view waited on it for its page and its first command. Without a tray the
/// app still works: a second start shows a hidden window.
pub fn put_up<R: Runtime>(app: &AppHandle<R>) {
    static PUT_UP: Once = Once::new();
    let handle = app.clone();
    let queued = app.run_on_main_thread(move || {
        PUT_UP.call_once(|| {
            if let Err(error) = install(&handle) {
                tracing::warn!("no tray icon: {error}");
            }
        });
    });
    if let Err(error) = queued {
        tracing::warn!("no tray icon: {error}");
    }
}

/// Adds the tray icon with its menu.
fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, OPEN, "Open", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut tray = TrayIconBuilder::with_id("hiredesk").tooltip("Hiredesk").menu(&menu).on_menu_event(|app, event| {
        match event.id().as_ref() {
            OPEN => show_main_window(app),
            QUIT => app.exit(0),
            _ => {}
        }
    });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// Shows the main window (restored and focused), e.g. from the tray's Open or a clicked notification.
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        reveal(&window);
    }
}

fn reveal<R: Runtime>(window: &WebviewWindow<R>) {
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

/// Closing the main window hides it to the tray instead of ending the app; other windows close as usual.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window.label() == MAIN_WINDOW {
            api.prevent_close();
            // Saved while the window is still on screen, where its position is its own.
            crate::window_state::save(window.app_handle());
            let _ = window.hide();
        }
    }
}

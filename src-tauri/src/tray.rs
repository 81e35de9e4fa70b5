//! The tray icon (SPEC NT-5): Open shows the main window, Quit ends the app. Closing the main window only
//! hides it here, so the notice scheduler (`workers.rs`, which never needed the window) keeps showing
//! reminders until Quit.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, WebviewWindow, Window, WindowEvent};

pub const MAIN_WINDOW: &str = "main";
const OPEN: &str = "open";
const QUIT: &str = "quit";

/// Adds the tray icon with its menu.
pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
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

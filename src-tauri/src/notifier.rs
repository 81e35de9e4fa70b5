//! Native notifications through the operating system (notify-rust: the freedesktop Notifications service
//! on Linux, Notification Center on macOS, toasts on Windows). The service is found at run time, so tests
//! point the app at their own session bus and serve the Notifications interface there.
//!
//! A notice about a job seeker carries the "default" action, and a thread per such notification waits for
//! the click or the close: a click shows the main window and leaves the job seeker for the UI to open (it
//! asks `take_notification_click`). notify-rust reports a click the same way on all three platforms (a click
//! on the body, or on the Open button where the platform draws one); what each desktop does with it is in
//! the README. On macOS notify-rust sends a notification that is waited for only inside that wait, which
//! lasts until the user acts on it, so a notification left unanswered keeps its (small) thread; at most
//! [`AT_ONCE`] are started per scheduler round.
//!
//! The notifications name Hiredesk as their sender. On Windows a toast names the app whose AppUserModelID it
//! carries, and Windows shows toasts only for an ID that a Start-menu shortcut registers: Tauri's Windows
//! installers register the bundle identifier, so an installed Hiredesk uses it, while a build run from the
//! source tree keeps notify-rust's default (PowerShell's ID, which is registered everywhere). On macOS the
//! sender is the bundle identifier of an installed app; a build run from the source tree is no bundle and
//! keeps the default. "Installed" is what Tauri calls a production build: one made by its CLI.

use crate::state::AppState;
use hiredesk_core::notices::Notice;
use hiredesk_wire::NoticeTarget;
use notify_rust::NotificationResponse;
use tauri::{AppHandle, Manager};

/// The action a click on a notification invokes.
const OPEN: &str = "default";

/// Gives the notifications of an installed Hiredesk its own identity where the platform takes it from the
/// process (macOS); Windows takes it from each notification (see [`show`]).
pub fn init(app: &AppHandle) {
    #[cfg(target_os = "macos")]
    if !tauri::is_dev() {
        if let Err(error) = notify_rust::set_application(&app.config().identifier) {
            tracing::warn!("notifications will not name Hiredesk as their sender: {error}");
        }
    }
    #[cfg(not(target_os = "macos"))]
    let _ = app;
}

/// At most this many pop-ups at once; an import of hundreds of applicants gives one more that counts the rest.
const AT_ONCE: usize = 3;

/// Shows the notices of one scheduler round.
pub fn show_all(app: &AppHandle, notices: Vec<Notice>) {
    let rest = notices.len().saturating_sub(AT_ONCE);
    for notice in notices.iter().take(AT_ONCE) {
        show(app, &notice.title, &notice.body, notice.opens.map(|target| (notice.user_id, target)));
    }
    if rest > 0 {
        show(app, &format!("{rest} more notices"), "Open Hiredesk to see them.", None);
    }
}

/// Shows one pop-up; a desktop without a notification service only loses the pop-up (the email went out).
/// `opens`: (the user, what a click opens for them).
fn show(app: &AppHandle, title: &str, body: &str, opens: Option<(i32, NoticeTarget)>) {
    let mut notification = notify_rust::Notification::new();
    notification.appname("Hiredesk").summary(title).body(body);
    #[cfg(windows)]
    if !tauri::is_dev() {
        notification.app_id(&app.config().identifier);
    }
    if opens.is_some() {
        notification.action(OPEN, "Open");
    }
    match notification.show() {
        Ok(handle) => {
            if let Some((user_id, target)) = opens {
                on_click(app.clone(), handle, user_id, target);
            }
        }
        Err(error) => tracing::warn!("a notification could not be shown: {error}"),
    }
}

/// Waits on a thread of its own for the click on one notification (or its closing).
fn on_click(app: AppHandle, handle: notify_rust::NotificationHandle, user_id: i32, target: NoticeTarget) {
    let waiting = std::thread::Builder::new().name("notification".to_owned()).spawn(move || {
        let waited = handle.wait_for_response(|response: &NotificationResponse| {
            let clicked = match response {
                NotificationResponse::Default => true,
                NotificationResponse::Action(action) => action == OPEN,
                _ => false,
            };
            if clicked {
                app.state::<AppState>().notification_clicked(user_id, target);
                crate::tray::show_main_window(&app);
            }
        });
        if let Err(error) = waited {
            tracing::warn!("a click on a notification could not be waited for: {error}");
        }
    });
    if let Err(error) = waiting {
        tracing::warn!("a click on a notification will not be noticed: {error}");
    }
}

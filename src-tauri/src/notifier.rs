//! Native notifications through the operating system (notify-rust: the freedesktop Notifications service
//! on Linux, Notification Center on macOS, toasts on Windows). The service is found at run time, so tests
//! point the app at their own session bus and serve the Notifications interface there.
//!
//! Where the platform has actions (the freedesktop service), a notice about a job seeker carries the
//! "default" action: clicking the notification shows the main window and leaves the job seeker for the UI
//! to open (it asks `take_notification_click`). A thread per such notification waits for the click or the
//! close; elsewhere the notification is only shown.

use crate::state::AppState;
use hiredesk_core::notices::Notice;
use hiredesk_wire::NoticeTarget;
use tauri::{AppHandle, Manager};

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
    if opens.is_some() {
        notification.action("default", "Open");
    }
    match notification.show() {
        Ok(handle) => {
            if let Some((user_id, target)) = opens {
                on_click(app.clone(), handle, user_id, target);
            }
        }
        Err(error) => eprintln!("hiredesk: a notification could not be shown: {error}"),
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn on_click(app: AppHandle, handle: notify_rust::NotificationHandle, user_id: i32, target: NoticeTarget) {
    std::thread::spawn(move || {
        handle.wait_for_action(|action| {
            if action == "default" {
                app.state::<AppState>().notification_clicked(user_id, target);
                crate::tray::show_main_window(&app);
            }
        });
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn on_click(_app: AppHandle, _handle: notify_rust::NotificationHandle, _user_id: i32, _target: NoticeTarget) {}

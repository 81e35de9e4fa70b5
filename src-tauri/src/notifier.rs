//! Native notifications through the operating system (notify-rust: the freedesktop Notifications service
//! on Linux, Notification Center on macOS, toasts on Windows). The service is found at run time, so tests
//! point the app at their own session bus and serve the Notifications interface there.

use hiredesk_core::notices::Notice;

/// Shows one notice; a desktop without a notification service only loses the pop-up (the email went out).
pub fn show(notice: &Notice) {
    let shown = notify_rust::Notification::new()
        .appname("Hiredesk")
        .summary(&notice.title)
        .body(&notice.body)
        .show();
    if let Err(error) = shown {
        eprintln!("hiredesk: a notification could not be shown: {error}");
    }
}

//! Native notifications through the operating system (notify-rust: the freedesktop Notifications service
//! on Linux, Notification Center on macOS, toasts on Windows). The service is found at run time, so tests
//! point the app at their own session bus and serve the Notifications interface there.

use hiredesk_core::notices::Notice;

/// At most this many pop-ups at once; an import of hundreds of applicants gives one more that counts the rest.
const AT_ONCE: usize = 3;

/// Shows the notices of one scheduler round.
pub fn show_all(notices: Vec<Notice>) {
    let rest = notices.len().saturating_sub(AT_ONCE);
    for notice in notices.iter().take(AT_ONCE) {
        show(&notice.title, &notice.body);
    }
    if rest > 0 {
        show(&format!("{rest} more notices"), "Open Hiredesk to see them.");
    }
}

/// Shows one pop-up; a desktop without a notification service only loses the pop-up (the email went out).
fn show(title: &str, body: &str) {
    let shown = notify_rust::Notification::new().appname("Hiredesk").summary(title).body(body).show();
    if let Err(error) = shown {
        eprintln!("hiredesk: a notification could not be shown: {error}");
    }
}

//! Background work while the app runs: the notice scheduler (SPEC AC-8) and the mail worker that delivers the
//! outbox (SPEC CO-2). They run on the async runtime and do their database and network work on blocking
//! threads, never on the UI thread. Both run once right after start-up, so what was missed while the app was
//! closed goes out then.

use crate::notifier;
use crate::state::AppState;
use std::time::Duration;
use tauri::{AppHandle, Manager};

/// How often the outbox is looked at; a retry waits at least a minute anyway.
const MAIL_EVERY: Duration = Duration::from_secs(15);
/// Notices are due on the minute (07:00, 22:00) or as events arrive.
const NOTICES_EVERY: Duration = Duration::from_secs(60);

/// Starts both workers; `notice_period` replaces the scheduler's minute (a test's period, debug builds only:
/// see [`crate::cli::TEST_NOTICE_PERIOD_VARIABLE`]).
pub fn start(app: AppHandle, notice_period: Option<Duration>) {
    let notices_app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut ticker = tokio::time::interval(notice_period.unwrap_or(NOTICES_EVERY));
        loop {
            let state = notices_app.state::<AppState>();
            // On the minute, or at once when a command raised an event ("immediately" means immediately).
            tokio::select! {
                _ = ticker.tick() => {}
                () = state.notices_due.notified() => {}
            }
            match state.run(|desk| desk.deliver_notices()).await {
                Ok(notices) => {
                    notifier::show_all(&notices_app, notices.into_iter().filter(|notice| notice.show_here).collect())
                }
                Err(error) => eprintln!("hiredesk: the notice scheduler could not run: {}", error.message),
            }
        }
    });
    tauri::async_runtime::spawn(async move {
        let mut ticker = tokio::time::interval(MAIL_EVERY);
        loop {
            let state = app.state::<AppState>();
            tokio::select! {
                _ = ticker.tick() => {}
                () = state.mail_due.notified() => {}
            }
            if let Err(error) = state.run(|desk| desk.deliver_mail()).await {
                eprintln!("hiredesk: the mail worker could not run: {}", error.message);
            }
        }
    });
}

//! Background work while the app runs: the notice scheduler (SPEC AC-8) and the mail worker that delivers the
//! outbox (SPEC CO-2). Each runs on a thread of its own, never the UI thread, at every tick and whenever the
//! core raises its signal (a command queued mail, or recorded something a notice may be due for: the core
//! decides which, see `hiredesk_core::command::Wakes`). Both run once right after start-up, so what was missed
//! while the app was closed goes out then.

use crate::notifier;
use crate::state::AppState;
use hiredesk_core::signal::Signal;
use hiredesk_core::Hiredesk;
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
    let notices_every = notice_period.unwrap_or(NOTICES_EVERY);
    spawn("notice scheduler", app.clone(), notices_every, Hiredesk::notices_signal, move |desk| {
        match desk.deliver_notices() {
            Ok(notices) => {
                notifier::show_all(&notices_app, notices.into_iter().filter(|notice| notice.show_here).collect())
            }
            Err(error) => tracing::error!("the notice scheduler could not run: {}", error_message(error)),
        }
    });
    spawn("mail worker", app, MAIL_EVERY, Hiredesk::mail_signal, |desk| {
        if let Err(error) = desk.deliver_mail() {
            tracing::error!("the mail worker could not run: {}", error_message(error));
        }
    });
}

/// Runs `work` on a thread of its own once the core is open, then again every `every` or as soon as
/// `signal` is raised.
fn spawn(
    name: &str,
    app: AppHandle,
    every: Duration,
    signal: fn(&Hiredesk) -> &Signal,
    work: impl Fn(&Hiredesk) + Send + 'static,
) {
    let thread_name = name.to_owned();
    let spawned = std::thread::Builder::new().name(thread_name.clone()).spawn(move || {
        let desk = loop {
            match tauri::async_runtime::block_on(app.state::<AppState>().hiredesk()) {
                Ok(desk) => break desk,
                Err(error) => {
                    tracing::warn!("the {thread_name} waits for the database: {}", error.message);
                    // Nothing can raise the signal before the core is open, so this is the tick.
                    std::thread::sleep(every);
                }
            }
        };
        // The app's workers run until the process ends.
        hiredesk_core::workers::run(&desk, signal, every, || true, work);
    });
    if let Err(error) = spawned {
        tracing::error!("the {name} could not start: {error}");
    }
}

fn error_message(error: hiredesk_core::CoreError) -> String {
    hiredesk_wire::IpcError::from(error).message
}

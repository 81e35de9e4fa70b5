//! Background work while the app runs: the mail worker delivers the outbox (SPEC CO-2). It runs on the async
//! runtime and does its database and network work on blocking threads, never on the UI thread.

use crate::state::AppState;
use std::time::Duration;
use tauri::{AppHandle, Manager};

/// How often the outbox is looked at; a retry waits at least a minute anyway.
const MAIL_EVERY: Duration = Duration::from_secs(15);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // The first round right after start-up, so mail queued while the app was closed goes out at once.
        let mut ticker = tokio::time::interval(MAIL_EVERY);
        loop {
            ticker.tick().await;
            let state = app.state::<AppState>();
            if let Err(error) = state.run(|desk| desk.deliver_mail()).await {
                eprintln!("hiredesk: the mail worker could not run: {}", error.message);
            }
        }
    });
}

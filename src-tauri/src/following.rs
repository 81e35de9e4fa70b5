//! Following the team server while the app runs: every few seconds, the watch of each session newly signed in
//! on this desktop is started (its notices shown by the notifier), the notes kept while the server did not
//! answer are offered to it again, and while it does not answer, the task reminders owed from the last To-Do
//! copies are shown here (`offline_reminders.rs`). Apart from `team.rs` so that the team desk, which the app
//! state holds, does not depend on the state or the notifier.

use crate::state::AppState;
use crate::team::REPLAY_EVERY;
use tauri::Manager;

/// In team mode (a desktop that joins during this run included), every few seconds: starts the watch of each
/// session newly signed in here, and offers the kept notes to the server while there are any. A replay or a
/// watch that reaches the server also lowers the banner.
pub fn follow_the_server(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(REPLAY_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let state = app.state::<AppState>();
            let Some(team) = state.team() else { continue };
            for token in team.unwatched() {
                let app = app.clone();
                tauri::async_runtime::spawn(async move {
                    let state = app.state::<AppState>();
                    if let Some(team) = state.team() {
                        let watched = token.clone();
                        let show = |notices| {
                            let notices = team.not_reminded_offline(&watched, notices, state.now());
                            crate::notifier::show_all(&app, notices);
                        };
                        team.watch(token, show).await;
                    }
                });
            }
            let owed = team.offline_reminders(state.now());
            if !owed.is_empty() {
                crate::notifier::show_all(&app, owed);
            }
            if team.has_kept_notes() {
                team.replay().await;
            }
        }
    });
}

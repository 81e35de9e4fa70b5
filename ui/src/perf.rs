//! The app's own performance marks, on the web view's performance timeline (the User Timing API), for the
//! start-up benchmark: nothing is sent anywhere unless it runs, and nothing changes on screen. [`mark`] puts
//! named points on the timeline (`main.js` adds the first, before the wasm is fetched); [`startup_marks`]
//! collects them, with the arrivals of the UI's own files, for the ready report that `cargo xtask bench
//! startup` prints as a timeline. [`during_startup`] marks only until then (each command asked and answered),
//! so that the timeline does not grow for as long as the app runs.

use hiredesk_wire::StartupMark;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::{Performance, PerformanceEntry};

fn performance() -> Option<Performance> {
    web_sys::window().and_then(|window| window.performance())
}

thread_local! {
    /// Whether the ready report has collected the start-up's marks.
    static STARTED_UP: Cell<bool> = const { Cell::new(false) };
}

/// Marks `command` `asked` or `answered` while the app is starting up, and nothing after.
pub fn during_startup(command: &str, what: &str) {
    if !STARTED_UP.get() {
        mark(&format!("{command} {what}"));
    }
}

/// Puts the point `name` on the performance timeline.
pub fn mark(name: &str) {
    if let Some(performance) = performance() {
        // Marking only fails for the names of the navigation timing's own points, which ours are not.
        let _ = performance.mark(name);
    }
}

/// Every mark so far and when each of the UI's files arrived, in milliseconds since the time origin, with
/// that origin (milliseconds since the Unix epoch).
pub fn startup_marks() -> (f64, Vec<StartupMark>) {
    STARTED_UP.set(true);
    let Some(performance) = performance() else { return (0.0, Vec::new()) };
    let entries = |kind: &str| -> Vec<PerformanceEntry> {
        performance.get_entries_by_type(kind).iter().filter_map(|entry| entry.dyn_into().ok()).collect()
    };
    let fetched = entries("resource").into_iter().map(|entry| {
        let file = entry.name().rsplit('/').next().unwrap_or_default().to_owned();
        StartupMark { name: format!("fetched {file}"), at: entry.start_time() + entry.duration() }
    });
    let marks = entries("mark").into_iter().map(|entry| StartupMark { name: entry.name(), at: entry.start_time() });
    let mut all: Vec<StartupMark> = fetched.chain(marks).collect();
    all.sort_by(|a, b| a.at.total_cmp(&b.at));
    (performance.time_origin(), all)
}

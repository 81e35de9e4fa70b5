//! The app's own performance marks, on the web view's performance timeline (the User Timing API), for the
//! benchmarks to read: nothing is sent anywhere unless one runs, and nothing changes on screen.
//!
//! - Start-up: [`mark`] puts named points on the timeline (`main.js` adds the first, before the wasm is
//!   fetched); [`startup_marks`] collects them, with the arrivals of the UI's own files, for the ready report
//!   that `cargo xtask bench startup` prints as a timeline. [`traced`] marks each command asked, answered and
//!   decoded until then, and during each measured interaction.
//! - Click to paint: [`timed`] wraps a click handler so that the click starts an [`Interaction`], and
//!   [`use_painted`] ends it once the region that shows its answer has been painted. The timeline then holds
//!   one measure of that name (the latest: an older one is cleared first, so the timeline stays small however
//!   long the app runs), which `cargo xtask bench ui` reads through WebDriver.

use hiredesk_wire::StartupMark;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Performance, PerformanceEntry};
use yew::prelude::*;

/// The interactions measured from click to paint, one measure name each.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Interaction {
    /// Opening the job seeker list (the header's Job Seekers, or back from a job seeker).
    JobSeekerList,
    /// Opening one job seeker (from the list, or Previous/Next).
    JobSeeker,
    /// Another page of a job seeker's History (Older, Newer).
    HistoryPage,
}

impl Interaction {
    /// The measure's name on the performance timeline.
    pub const fn name(self) -> &'static str {
        match self {
            Interaction::JobSeekerList => "job-seeker-list",
            Interaction::JobSeeker => "job-seeker",
            Interaction::HistoryPage => "history-page",
        }
    }

    fn clicked_mark(self) -> String {
        format!("{}:click", self.name())
    }
}

fn performance() -> Option<Performance> {
    web_sys::window().and_then(|window| window.performance())
}

thread_local! {
    /// Whether the ready report has collected the start-up's marks.
    static STARTED_UP: Cell<bool> = const { Cell::new(false) };
    /// The interactions clicked and not yet painted. A click that never leads to its region (the answer was
    /// an error, the user moved on) is overtaken by the next click of the same interaction: the measure
    /// starts at the latest mark of its name.
    static CLICKED: RefCell<Vec<Interaction>> = const { RefCell::new(Vec::new()) };
    /// When the latest click was (milliseconds since the time origin).
    static LAST_CLICK: Cell<f64> = const { Cell::new(0.0) };
}

/// How long after a click its commands are marked: a click whose region is already on screen is never
/// painted, and the marks must not pile up for as long as the user then works without timed clicks.
const TRACED_FOR_MS: f64 = 10_000.0;

/// Marks `command` `asked`, `answered` or `decoded` while the app is starting up or an interaction is under way
/// (clicked less than ten seconds ago, not yet painted), and nothing otherwise, so that the timeline does not
/// grow for as long as the app runs: the benchmarks print where the time between click and paint goes.
pub fn traced(command: &str, what: &str) {
    let under_way = || {
        CLICKED.with_borrow(|clicked| !clicked.is_empty())
            && performance().is_some_and(|performance| performance.now() - LAST_CLICK.get() < TRACED_FOR_MS)
    };
    if !STARTED_UP.get() || under_way() {
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

/// `onclick`, preceded by the start of `interaction`.
pub fn timed(interaction: Interaction, onclick: Callback<MouseEvent>) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        // Each interaction's marks alone on the timeline: the commands' marks of the last one go.
        if let Some(performance) = performance() {
            performance.clear_marks();
            LAST_CLICK.set(performance.now());
        }
        mark(&interaction.clicked_mark());
        CLICKED.with_borrow_mut(|clicked| {
            if !clicked.contains(&interaction) {
                clicked.push(interaction);
            }
        });
        onclick.emit(event);
    })
}

/// Ends `interaction`, if one was clicked, once `shown` (its region holds the answer) has been painted.
#[hook]
pub fn use_painted(interaction: Interaction, shown: bool) {
    use_effect_with(shown, move |shown| {
        let clicked = CLICKED.with_borrow(|clicked| clicked.contains(&interaction));
        if *shown && clicked {
            // Where the time after the answer goes: Yew has put the answer in the DOM (`shown`), the web view
            // starts the frame that shows it (`frame`), that frame is done (`painted`).
            mark(&format!("{}:shown", interaction.name()));
            after_paint(interaction, move || finish(interaction));
        }
    });
}

/// Runs `then` after the next frame has been painted: a task queued from an animation frame callback runs
/// once that frame's rendering is done. Marks the frame's start (`interaction`'s `frame`) on the way.
fn after_paint(interaction: Interaction, then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let frame = Closure::once_into_js(move || {
        mark(&format!("{}:frame", interaction.name()));
        gloo_timers::callback::Timeout::new(0, then).forget()
    });
    // Without a frame (a hidden window) there is no paint to wait for, and no measure.
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

/// Measures `interaction` from its click to now. Its marks and those of its commands stay until the next click
/// clears the timeline: `cargo xtask bench ui` reads them for its breakdown.
fn finish(interaction: Interaction) {
    let was_clicked = CLICKED.with_borrow_mut(|clicked| {
        let before = clicked.len();
        clicked.retain(|other| *other != interaction);
        clicked.len() != before
    });
    let Some(performance) = performance().filter(|_| was_clicked) else { return };
    let name = interaction.name();
    let painted = format!("{name}:painted");
    let _ = performance.mark(&painted);
    performance.clear_measures_with_measure_name(name);
    let _ = performance.measure_with_start_mark_and_end_mark(name, &interaction.clicked_mark(), &painted);
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

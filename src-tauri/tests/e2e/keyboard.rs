//! Keyboard first (SPEC FS-2): a recruiter's flow with no mouse at all — sign in, find a job seeker with the
//! search box, add a task with its due date, complete it, export History — and the "Keyboard shortcuts"
//! sheet. Every key goes to the element that has the focus (WebDriver actions, never a click or an element's
//! own `send_keys`, which would move the focus itself), every focus stop on the way must show its focus ring,
//! and the stops come in the order the scenario expects.

use crate::harness::App;
use crate::sign_in::RECRUITER;
use hiredesk_core::demo;
use thirtyfour::prelude::*;

const NEW_PASSWORD: &str = "copper lantern meadow fifty";

/// At most this many Tab presses to reach an element: more would mean a focus trap or a missing stop.
const MAX_TABS: usize = 60;

/// Types `text` (keys included) into whatever has the focus.
async fn keys(app: &App, text: impl Into<TypingData>) {
    app.driver().action_chain().send_keys(text).perform().await.expect("keys");
}

/// Presses `key` with `modifier` held.
async fn chord(app: &App, modifier: Key, key: impl Into<TypingData>) {
    let chain = app.driver().action_chain().key_down(modifier.clone()).send_keys(key).key_up(modifier);
    chain.perform().await.expect("a key chord");
}

/// The id of the element with the focus ("" for one without an id, "(body)" when nothing has it).
async fn focused(app: &App) -> String {
    let script = "const e = document.activeElement; return !e || e === document.body ? '(body)' : (e.id || '');";
    let answer = app.driver().execute(script, Vec::new()).await.expect("the focused element");
    answer.json().as_str().unwrap_or_default().to_owned()
}

/// Whether the focused element draws a focus indicator: an outline or a box shadow.
async fn focus_is_visible(app: &App) -> bool {
    let script = "const e = document.activeElement; if (!e || e === document.body) return true; \
                  const s = getComputedStyle(e); \
                  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';";
    let answer = app.driver().execute(script, Vec::new()).await.expect("the focus style");
    answer.json().as_bool().unwrap_or(false)
}

/// Waits until the element with `id` has the focus.
async fn until_focused(app: &App, id: &str) {
    app.until(&format!("#{id} has the focus"), || async { focused(app).await == id }).await;
}

/// Presses Tab until the element with `id` has the focus, checking every stop on the way shows its focus,
/// and returns the ids of the stops in order.
async fn tab_to(app: &App, id: &str) -> Vec<String> {
    let mut stops = Vec::new();
    for _ in 0..MAX_TABS {
        keys(app, Key::Tab).await;
        let now = focused(app).await;
        assert!(focus_is_visible(app).await, "#{now} has the focus but shows no focus ring (stops: {stops:?})");
        stops.push(now.clone());
        if now == id {
            return stops;
        }
    }
    panic!("#{id} was not reached in {MAX_TABS} Tab presses; the focus went {stops:?}");
}

#[tokio::test]
async fn a_recruiter_works_without_a_mouse() {
    let app = App::launch(&["--demo"]).await;
    app.element("sign-in-title").await;
    // The email field has the focus at start; the form's stops come in reading order.
    until_focused(&app, "email").await;
    keys(&app, RECRUITER).await;
    assert_eq!(tab_to(&app, "sign-in").await, ["password", "sign-in"]);
    chord(&app, Key::Shift, Key::Tab).await;
    until_focused(&app, "password").await;
    keys(&app, demo::RECRUITER_PASSWORD).await;
    keys(&app, Key::Enter).await;

    // The demo's initial password must be changed first.
    app.element("old-password").await;
    until_focused(&app, "old-password").await;
    keys(&app, demo::RECRUITER_PASSWORD).await;
    tab_to(&app, "new-password").await;
    keys(&app, NEW_PASSWORD).await;
    tab_to(&app, "confirm-new-password").await;
    keys(&app, NEW_PASSWORD).await;
    keys(&app, Key::Enter).await;
    // The reminder to set security questions comes first; Alt+H goes Home from it.
    app.element("save-questions").await;
    chord(&app, Key::Alt, "h").await;
    app.element("todo-title").await;

    // `?` shows the sheet with the focus on its Close button; Escape gives the focus back.
    keys(&app, "?").await;
    let sheet = app.text_when("shortcut-table", "the shortcuts", |text| text.contains("Ctrl+S")).await;
    assert!(sheet.contains("Alt+N") && sheet.contains("Ctrl+K") && sheet.contains("Alt+→"), "{sheet}");
    until_focused(&app, "close-shortcuts").await;
    app.snapshot("shortcut-sheet");
    keys(&app, Key::Escape).await;
    app.until("the sheet closed", || async { !app.is_present("shortcut-sheet").await }).await;

    // Ctrl+K, a name, Enter: the job seeker opens on Profile.
    chord(&app, Key::Control, "k").await;
    until_focused(&app, "search-input").await;
    keys(&app, "Olivia").await;
    app.text_when("search-results", "a job seeker named Olivia", |text| text.contains("Olivia")).await;
    keys(&app, Key::Enter).await;
    let name = app.text_when("job-seeker-name", "the job seeker found", |text| text.starts_with("Olivia")).await;

    // Alt+N: a new note on the Notes tab, the focus in its text; Tab to Task, Space, Tab to the due date.
    chord(&app, Key::Alt, "n").await;
    until_focused(&app, "note-text").await;
    assert_eq!(app.element("tab-notes").await.attr("aria-selected").await.expect("attr").as_deref(), Some("true"));
    keys(&app, "Ask about relocating to Denver").await;
    tab_to(&app, "note-task").await;
    keys(&app, Key::Space).await;
    tab_to(&app, "note-due").await;
    keys(&app, "12/15/2026").await;
    // Ctrl+S saves the task from the due date field.
    chord(&app, Key::Control, "s").await;
    app.text_when("toast", "the task saved", |text| text == "Task saved.").await;
    let task = app
        .driver()
        .query(By::XPath("//li[contains(@class,'task')][.//p[text()='Ask about relocating to Denver']]"))
        .wait(crate::harness::PATIENCE, std::time::Duration::from_millis(100))
        .first()
        .await
        .expect("the task in the list");
    let task_id = task.id().await.expect("id").expect("the task's id");
    assert!(!task.class_name().await.expect("class").unwrap_or_default().contains("completed"));

    // Tab to its check mark; Enter completes it.
    let complete = format!("complete-{task_id}");
    tab_to(&app, &complete).await;
    keys(&app, Key::Enter).await;
    app.until("the task is completed", || async {
        let item = app.element(&task_id).await;
        item.class_name().await.ok().flatten().unwrap_or_default().contains("completed")
    })
    .await;

    // Alt+3: History; Tab to Export to Excel; Enter exports it into the scenario's folder.
    chord(&app, Key::Alt, "3").await;
    app.until("History is shown", || async {
        app.element("tab-history").await.attr("aria-selected").await.ok().flatten().as_deref() == Some("true")
    })
    .await;
    app.element("history-list").await;
    tab_to(&app, "export-history").await;
    keys(&app, Key::Enter).await;
    let toast = app.text_when("toast", "the finished export", |text| text.starts_with("Exported ")).await;
    let surname = name.split_whitespace().last().unwrap_or_default();
    let exported = std::fs::read_dir(app.data_dir())
        .expect("the export folder")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .any(|file| file.ends_with(".xlsx") && file.contains(surname));
    assert!(exported, "a History workbook naming {name} was written ({toast})");

    // Alt+J goes to the list. The Help menu opens with Enter on its first item, Down moves to the next, and
    // the sheet it opens gives the focus back to the Help button when Escape closes it.
    chord(&app, Key::Alt, "j").await;
    app.element("job-seeker-list").await;
    tab_to(&app, "help-menu").await;
    keys(&app, Key::Enter).await;
    until_focused(&app, "menu-about").await;
    keys(&app, Key::Down).await;
    until_focused(&app, "menu-shortcuts").await;
    keys(&app, Key::Enter).await;
    until_focused(&app, "close-shortcuts").await;
    keys(&app, Key::Escape).await;
    until_focused(&app, "help-menu").await;
    app.close().await;
}

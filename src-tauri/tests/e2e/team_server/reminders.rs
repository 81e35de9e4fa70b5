//! Due-task reminders while the team server cannot be reached (issue 13's offline part): the desktop reminds
//! from its last copy of the user's To-Do list, on its own clock, once. The desktop's clock starts on the task's
//! due date in the afternoon, while the server's (the real one) is a month before it: the server owes nothing
//! yet, so the reminder that appears can only be the desktop's own.

use super::{write_note, TeamServer};
use crate::harness::{App, Start};
use crate::notifications::{serve, shown_id};
use crate::offers::{first_sign_in, open_first_at};
use crate::sign_in::{first_start_settled, RECRUITER};
use chrono::{Duration, Utc};
use hiredesk_core::demo;

#[tokio::test]
#[ignore = "needs PostgreSQL and the team server's binaries: cargo xtask test runs it in its PostgreSQL pass"]
async fn a_task_due_while_the_server_is_down_is_reminded_from_the_last_copy_once() {
    // A month after the server's today; the desktop starts at 15:00 Eastern that day, after 09:00 in every US
    // zone, so the task is due for it at once.
    let due = (Utc::now() + Duration::days(30)).date_naive();
    let afternoon = due.and_hms_opt(20, 0, 0).expect("a time").and_utc();
    let mut server = TeamServer::start();
    let team_json = server.team_json();
    let join = |dir: &std::path::Path| std::fs::write(dir.join("team.json"), &team_json).expect("team.json");
    let app = App::start(Start { clock: afternoon, ..Start::new(&[]) }, join).await;
    let (_bus, shown) = serve(app.desktop());
    first_start_settled(&app).await;
    app.click("load-demo").await;
    app.text_when("notice", "the demo accounts", |text| text.contains("maria.alvarez")).await;
    first_sign_in(&app, RECRUITER, demo::RECRUITER_PASSWORD).await;
    let name = open_first_at(&app, "Offer").await;

    // The task is written online; Home's To-Do list shows it, which is the copy the desktop keeps.
    app.click("tab-notes").await;
    app.click("add-note").await;
    app.fill("note-text", "Confirm the start date").await;
    app.click("note-task").await;
    app.fill("note-due", &due.format("%m/%d/%Y").to_string()).await;
    app.click("save-note").await;
    app.until("the task form closes", || async { !app.is_present("note-draft").await }).await;
    app.click("home").await;
    app.text_when("todo", "the task online", |text| text.contains("Confirm the start date")).await;
    let title = format!("Task due: {name}");
    assert!(!shown.lock().expect("notifications").iter().any(|(_, shown, _)| *shown == title), "not due online");

    // Back on the job seeker's Notes tab, the server goes; the banner says so, and the reminder comes from the
    // desktop.
    app.first("#todo button").await.click().await.expect("open");
    app.element("notes-panel").await;
    server.stop();
    app.text_when("team-banner", "the banner", |text| !text.is_empty()).await;
    shown_id(&shown, &title).await;
    let body = shown.lock().expect("notifications").iter().find(|(_, shown, _)| *shown == title).cloned();
    let body = body.map(|(_, _, body)| body).unwrap_or_default();
    assert_eq!(body, format!("Confirm the start date (due {})", due.format("%m/%d/%Y")));

    // Once: the desktop goes on following (a note kept offline and saved when the server is back is the sign
    // that it did), and no second reminder appears.
    write_note(&app, "Written while the server was down").await;
    server.serve();
    app.until("the kept note is saved", || async { !app.data_dir().join("offline-notes.jsonl").exists() }).await;
    app.until("the banner goes", || async { !app.is_present("team-banner").await }).await;
    let reminders = shown.lock().expect("notifications").iter().filter(|(_, shown, _)| *shown == title).count();
    assert_eq!(reminders, 1, "one reminder, not one per round");
    app.close().await;
}

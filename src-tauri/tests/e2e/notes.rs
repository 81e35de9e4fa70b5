//! Notes and tasks, the To-Do widget (SPEC NT-1 to NT-5).

use crate::job_seekers::on_the_list;
use thirtyfour::prelude::*;

#[tokio::test]
async fn notes_tasks_and_the_to_do_widget() {
    let app = on_the_list().await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    let name = app.text_when("job-seeker-name", "a job seeker", |text| !text.is_empty()).await;
    app.click("tab-notes").await;

    // A draft can be discarded, and survives switching tabs.
    app.click("add-note").await;
    app.fill("note-text", "Draft that goes nowhere").await;
    app.click("tab-profile").await;
    app.click("tab-notes").await;
    assert_eq!(app.value("note-text").await, "Draft that goes nowhere", "the draft is kept across tabs");
    app.click("discard-note").await;
    assert!(!app.is_present("note-draft").await);

    app.click("add-note").await;
    app.fill("note-text", "Called, left a voicemail").await;
    app.click("save-note").await;
    app.text_when("note-list", "the note", |text| {
        text.contains("Called, left a voicemail") && text.contains("maria.alvarez@northwind.example")
    })
    .await;

    app.click("add-note").await;
    app.fill("note-text", "Send the offer paperwork").await;
    app.click("note-task").await;
    app.fill("note-due", "02/30/2026").await;
    app.click("save-note").await;
    assert_eq!(
        app.text_when("note-due-error", "the date message", |text| !text.is_empty()).await,
        "02/30/2026 is not a date on the calendar. Check the month and the day."
    );
    app.fill("note-due", "12/01/2026").await;
    app.click("save-note").await;
    app.text_when("note-list", "the task", |text| {
        text.contains("Send the offer paperwork") && text.contains("due 12/01/2026")
    })
    .await;
    app.snapshot("notes");

    // Home's To-Do lists it; a click opens the Notes tab of that job seeker.
    app.click("home").await;
    let todo =
        app.text_when("todo", "the task on the To-Do list", |text| text.contains("Send the offer paperwork")).await;
    assert!(todo.contains(&name), "{todo}");
    app.driver().find(By::Css("#todo button")).await.expect("a to-do item").click().await.expect("open");
    app.text_when("job-seeker-name", "the same job seeker", |text| text == name).await;
    let tab = app.element("tab-notes").await;
    assert_eq!(tab.attr("aria-selected").await.expect("attribute").as_deref(), Some("true"));

    // Completing the task takes it off the To-Do list.
    let complete = app
        .driver()
        .find(By::Css("#note-list li.task button[id^='complete-note-']"))
        .await
        .expect("the task's check mark");
    complete.click().await.expect("complete");
    app.until("the task is completed", || async {
        app.driver().find(By::Css("#note-list li.task.completed")).await.is_ok()
    })
    .await;
    app.click("home").await;
    app.element("todo-empty").await;

    // Show Notes for All Requisitions, then delete a note after confirming.
    app.click("nav-job-seekers").await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    app.click("tab-notes").await;
    app.click("show-all-notes").await;
    app.text_when("note-list", "both notes", |text| {
        text.contains("Called, left a voicemail") && text.contains("Send the offer paperwork")
    })
    .await;

    // Export to Excel: a real .xlsx file (a zip) with the two notes.
    app.click("export-notes").await;
    let toast = app.text_when("toast", "the export", |text| text.starts_with("Exported 2 rows to ")).await;
    let path = std::path::PathBuf::from(toast.trim_start_matches("Exported 2 rows to "));
    assert!(path.starts_with(app.data_dir()), "{}", path.display());
    let bytes = std::fs::read(&path).expect("the exported file");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip archive");
    let delete = app
        .driver()
        .find(By::Css("#note-list li:not(.task) button[id^='delete-note-']"))
        .await
        .expect("the note's Delete");
    delete.click().await.expect("delete");
    app.click("confirm-action").await;
    app.text_when("toast", "deleted", |text| text == "Note deleted.").await;
    app.until("the note is gone", || async { !app.text("note-list").await.contains("Called, left a voicemail") }).await;
    app.close().await;
}

#[tokio::test]
async fn a_note_being_written_at_the_idle_timeout_is_offered_back_after_sign_in() {
    let app = on_the_list().await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    let name = app.text_when("job-seeker-name", "a job seeker", |text| !text.is_empty()).await;
    app.click("tab-notes").await;
    app.click("add-note").await;
    app.fill("note-text", "Half-written thoughts about the interview").await;
    // Away: the warning keeps the draft, then the idle timeout signs out.
    crate::account::away_for(&app, 19 * 60 + 30).await;
    app.element("idle-message").await;
    crate::account::away_for(&app, 2 * 60).await;
    app.text_when("notice", "the idle sign-out", |text| text.starts_with("You were signed out after 20 minutes")).await;

    crate::sign_in::sign_in(&app, crate::sign_in::RECRUITER, "copper lantern meadow fifty").await;
    let offer = app.text_when("draft-offer", "the offer", |text| !text.is_empty()).await;
    assert!(offer.contains(&format!("writing a note for {name}")), "{offer}");
    app.click("open-kept-draft").await;
    app.text_when("job-seeker-name", "the same job seeker", |text| text == name).await;
    assert_eq!(app.value("note-text").await, "Half-written thoughts about the interview");
    app.close().await;
}

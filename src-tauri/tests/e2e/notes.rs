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
    app.first("#todo button").await.click().await.expect("open");
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

/// Seeds `dir` with 2,000 notes of the seeded Administrator, a tenth of them open tasks with due dates: more
/// than the To-Do shows at first. The Administrator's security questions are set too, so that signing in lands
/// on Home rather than on the reminder to set them.
fn with_many_tasks(dir: &std::path::Path) {
    use hiredesk_core::{db, seed};
    use hiredesk_wire::{QuestionChange, SaveSecurityQuestionsRequest, SignInRequest};
    {
        let pool = db::open(&db::Location::in_data_dir(dir)).expect("database");
        let mut conn = db::connection(&pool).expect("connection");
        let options =
            seed::SeedOptions { requisitions: 2, job_seekers: 20, history: 200, busy_history: 10, notes: 2_000 };
        seed::seed(&mut conn, &options, crate::harness::standard_clock()).expect("seed");
    }
    let desk = hiredesk_core::Hiredesk::open(&hiredesk_core::HiredeskConfig::new(dir)).expect("the seeded database");
    let sign_in = SignInRequest {
        email: seed::ADMINISTRATOR_EMAIL.to_owned(),
        password: seed::ADMINISTRATOR_PASSWORD.to_owned(),
    };
    let token = desk.call_public(&sign_in).expect("sign in").token;
    let set = |question: &str, answer: &str| QuestionChange::Set { question: question.into(), answer: answer.into() };
    let questions = SaveSecurityQuestionsRequest {
        slots: vec![
            set("What was the name of your first pet?", "Biscuit the beagle"),
            set("In what city were you born?", "Providence Rhode Island"),
            set("What was your first car?", "A green Volvo wagon"),
        ],
    };
    desk.call(&token, &questions).expect("security questions");
}

#[tokio::test]
async fn a_long_to_do_list_shows_the_most_urgent_and_the_rest_on_request() {
    let app = crate::harness::App::launch_with(&[], with_many_tasks).await;
    crate::sign_in::sign_in(
        &app,
        hiredesk_core::seed::ADMINISTRATOR_EMAIL,
        hiredesk_core::seed::ADMINISTRATOR_PASSWORD,
    )
    .await;
    let shown = || async { app.driver().find_all(By::Css("#todo li")).await.expect("the To-Do's items").len() };
    let all = app.text_when("todo-all", "Show all", |text| text.starts_with("Show all ")).await;
    let total: usize = all
        .trim_start_matches("Show all ")
        .trim_end_matches(" open tasks")
        .parse()
        .unwrap_or_else(|_| panic!("a number of tasks in {all:?}"));
    assert!(total > 50, "{all}");
    assert_eq!(shown().await, 50, "the 50 most urgent first");
    // Overdue first: the first item is overdue whenever any is.
    let overdue = app.driver().find_all(By::Css("#todo li.overdue")).await.expect("overdue items").len();
    if overdue > 0 {
        let first = app.first("#todo li").await;
        assert_eq!(first.class_name().await.expect("its class").as_deref(), Some("overdue"));
    }
    app.click("todo-all").await;
    app.until("every open task is listed", || async { shown().await == total }).await;
    assert!(!app.is_present("todo-all").await, "the button goes once everything is shown");
}

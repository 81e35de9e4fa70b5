//! Export to Excel of a large History (SPEC EX-3): the export runs off the UI thread, its progress bar
//! moves, and Cancel stops it without leaving a file.

use crate::harness::App;
use crate::sign_in::sign_in;
use hiredesk_core::time::UserZone;
use hiredesk_core::{db, job_seekers, seed};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// One job seeker with this many History entries: enough for the (debug) export to take a few seconds.
const ENTRIES: usize = 150_000;

/// Seeds `dir` with two job seekers, one of them with [`ENTRIES`] History entries; returns that one's email.
fn seeded(dir: &std::path::Path) -> String {
    let started = Instant::now();
    let pool = db::open(&db::Location::in_data_dir(dir)).expect("database");
    let mut conn = db::connection(&pool).expect("connection");
    let options =
        seed::SeedOptions { requisitions: 2, job_seekers: 2, history: ENTRIES + 10, busy_history: ENTRIES, notes: 0 };
    // On the day the app's clock starts, so the History is all in its past.
    let seeded = seed::seed(&mut conn, &options, crate::harness::standard_clock()).expect("seed");
    eprintln!("seeded {ENTRIES} History entries in {:?}", started.elapsed());
    job_seekers::get(&mut conn, seeded.busy_job_seeker_id, UserZone::default())
        .expect("the busy job seeker")
        .profile
        .email
}

fn spreadsheets(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .expect("the data directory")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "xlsx"))
        .collect()
}

/// The progress bar's (value, max), once it has both.
async fn progress(app: &App) -> Option<(u64, u64)> {
    let bar = app.driver().query(By::Id("export-progress")).nowait().first_opt().await.ok().flatten()?;
    let number = |value: Option<String>| value.and_then(|value| value.parse::<f64>().ok()).map(|value| value as u64);
    let value = number(bar.prop("value").await.ok().flatten())?;
    let max = number(bar.prop("max").await.ok().flatten())?;
    Some((value, max))
}

#[tokio::test]
async fn a_large_history_export_shows_progress_and_cancel_keeps_no_file() {
    let mut email = String::new();
    let app = App::launch_with(&[], |dir| email = seeded(dir)).await;
    sign_in(&app, seed::ADMINISTRATOR_EMAIL, seed::ADMINISTRATOR_PASSWORD).await;
    app.click("nav-job-seekers").await;
    app.fill("search", &email).await;
    app.text_when("page-status", "the busy job seeker alone", |text| text.ends_with(" 1 job seekers")).await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("the one row")
        .click()
        .await
        .expect("open");
    app.click("tab-history").await;
    app.element("history-list").await;

    app.click("export-history").await;
    // The bar moves: two different readings part-way, while the page still answers.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut readings: Vec<(u64, u64)> = Vec::new();
    loop {
        // Until the shell reports, the bar is indeterminate (value 0 of 1).
        if let Some((value, max)) = progress(&app).await.filter(|(value, _)| *value > 0) {
            assert!(max >= ENTRIES as u64, "the bar's end is the number of entries: {max}");
            if value < max && readings.last() != Some(&(value, max)) {
                readings.push((value, max));
            }
        }
        if readings.len() >= 2 {
            break;
        }
        assert!(Instant::now() < deadline, "the progress bar never moved: {readings:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(readings[1].0 > readings[0].0, "{readings:?}");
    assert!(app.text("export-count").await.ends_with(&format!("of {} rows", readings[0].1)));
    app.snapshot("export-progress");

    app.click("export-cancel").await;
    app.text_when("toast", "the cancellation", |text| text == "The export was cancelled; no file was kept.").await;
    app.until("the progress bar is gone", || async { !app.is_present("export-progress").await }).await;
    assert!(spreadsheets(app.data_dir()).is_empty(), "a cancelled export leaves no file");

    // The print window's Save as .xlsx shows the same progress bar and Cancel.
    let main = app.driver().window().await.expect("the main window's handle");
    app.click("print-history").await;
    switch_to_print_window(&app, &main).await;
    app.element("print-more").await;
    app.click("print-save").await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while !progress(&app).await.is_some_and(|(value, max)| value > 0 && value < max) {
        assert!(Instant::now() < deadline, "the print window's progress bar never moved");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.click("export-cancel").await;
    app.text_when("print-status", "the cancellation", |text| text == "The export was cancelled; no file was kept.")
        .await;
    assert!(spreadsheets(app.data_dir()).is_empty(), "a cancelled export leaves no file");
    app.driver().close_window().await.expect("close the print window");
    app.driver().switch_to_window(main).await.expect("back to the main window");

    // The button is back, and a small export (the applications only: the Kind filter applies) completes.
    crate::job_seekers::select(&app, "history-kind", "Application").await;
    app.click("export-history").await;
    let toast = app.text_when("toast", "the finished export", |text| text.starts_with("Exported ")).await;
    assert!(toast.starts_with("Exported 1 rows to ") || toast.starts_with("Exported 2 rows to "), "{toast}");
    assert_eq!(spreadsheets(app.data_dir()).len(), 1);
    app.close().await;
}

/// Runs `invoke(command)` in the current window with an empty request; "allowed" or "refused: …".
async fn try_invoke(app: &App, command: &str) -> String {
    // An empty request (`PrintViewRequest {}`, `AppStatusRequest {}`) is the empty string in the IPC's form.
    let empty = hiredesk_wire::encoded::encode(&hiredesk_wire::AppStatusRequest {});
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
           window.__TAURI__.core.invoke("{command}", {{ request: "{empty}" }})
             .then(() => done("allowed"), (error) => done("refused: " + JSON.stringify(error)));"#
    );
    let answer = app.driver().execute_async(&script, Vec::new()).await.expect("the script ran");
    answer.json().as_str().unwrap_or_default().to_owned()
}

/// Whether [`try_invoke`]'s answer is Tauri's refusal of a command the window's capability does not grant
/// (not a command's own error, which an empty request can also bring).
fn refused_by_capability(answer: &str) -> bool {
    answer.starts_with("refused") && answer.contains("not allowed")
}

#[tokio::test]
async fn the_print_window_shows_the_tabs_history_and_saves_it_and_can_do_nothing_else() {
    let app = crate::job_seekers::on_the_list().await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    let name = app.text_when("job-seeker-name", "a job seeker", |text| !text.is_empty()).await;
    app.click("tab-history").await;
    app.element("history-list").await;
    crate::job_seekers::select(&app, "history-kind", "Application").await;
    app.until("the filter applies", || async {
        app.driver().find_all(By::Css("#history-list tbody tr")).await.is_ok_and(|rows| !rows.is_empty())
    })
    .await;
    let shown = app.driver().find_all(By::Css("#history-list tbody tr")).await.expect("rows").len();
    let main = app.driver().window().await.expect("the main window's handle");
    // The main window may not read a print window's data.
    assert!(refused_by_capability(&try_invoke(&app, "print_view").await), "print_view is the print window's alone");

    app.click("print-history").await;
    switch_to_print_window(&app, &main).await;
    assert_eq!(app.text_when("print-title", "the title", |text| !text.is_empty()).await, format!("History of {name}"));
    assert_eq!(app.text("print-filters").await, "Kind: Application, all requisitions");
    let printed = app.driver().find_all(By::Css("#print-history tbody tr")).await.expect("rows").len();
    assert_eq!(printed, shown, "the printout has the tab's filtered entries");
    app.element("print-print").await;
    app.snapshot("print-window");

    // The print window is granted its own commands and nothing else.
    assert!(
        refused_by_capability(&try_invoke(&app, "app_status").await),
        "the print window called a main window command"
    );
    assert!(refused_by_capability(&try_invoke(&app, "job_seeker_history").await));

    app.click("print-save").await;
    let status = app.text_when("print-status", "the saved file", |text| text.starts_with("Exported ")).await;
    assert!(status.starts_with(&format!("Exported {shown} rows to ")), "{status}");
    let path = std::path::PathBuf::from(status.split(" rows to ").nth(1).expect("a path"));
    assert!(path.starts_with(app.data_dir()) && std::fs::read(&path).expect("the file").starts_with(b"PK"));

    app.driver().close_window().await.expect("close the print window");
    app.driver().switch_to_window(main).await.expect("back to the main window");
    app.close().await;
}

/// Waits for the print window (the window that is not `main`) and makes it WebDriver's current window.
async fn switch_to_print_window(app: &App, main: &WindowHandle) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let print = loop {
        let handles = app.driver().windows().await.expect("window handles");
        if let Some(handle) = handles.into_iter().find(|handle| handle != main) {
            break handle;
        }
        assert!(Instant::now() < deadline, "the print window never opened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    app.driver().switch_to_window(print).await.expect("switch to the print window");
}

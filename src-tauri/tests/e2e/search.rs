//! The one search box (SPEC FS-1), by keyboard: Ctrl+K opens it anywhere, a name finds its job seeker with the
//! matched word marked, Enter opens the job seeker, a filter key completes, a filter it cannot read is told at
//! the field, Escape closes.

use crate::job_seekers::on_the_list;
use thirtyfour::prelude::*;

#[tokio::test]
async fn the_search_box_finds_opens_and_completes_by_keyboard() {
    let app = on_the_list().await;
    let first = app.element("job-seeker-list").await.find(By::Css("tbody button")).await.expect("first row");
    let name = first.text().await.expect("the first job seeker's name");
    // Search for the last name; the list shows "First Last".
    let last = name.split_whitespace().last().unwrap_or(&name).to_owned();

    app.driver()
        .action_chain()
        .key_down(Key::Control)
        .send_keys("k")
        .key_up(Key::Control)
        .perform()
        .await
        .expect("keys");
    let input = app.element("search-input").await;
    assert!(input.is_displayed().await.expect("shown"), "Ctrl+K opens the box");
    input.send_keys(last.as_str()).await.expect("typing");
    let results = app.text_when("search-results", "the job seeker among the hits", |text| text.contains(&last)).await;
    // The group's heading (styled in capitals, which WebDriver's text reports as shown).
    assert!(results.to_lowercase().contains("job seekers"), "{results}");
    let marked = app.first("#search-results .search-line.selected mark").await;
    assert_eq!(marked.text().await.expect("text").to_lowercase(), last.to_lowercase());
    app.snapshot("search");

    input.send_keys(Key::Enter).await.expect("Enter");
    app.text_when("job-seeker-name", "the job seeker found", |text| text.contains(&last)).await;
    assert!(!app.is_present("search-input").await, "opening a hit closes the box");
    let tab = app.element("tab-profile").await;
    assert_eq!(tab.attr("aria-selected").await.expect("attribute").as_deref(), Some("true"));

    // A filter key completes; Enter takes the completion.
    app.driver()
        .action_chain()
        .key_down(Key::Control)
        .send_keys("k")
        .key_up(Key::Control)
        .perform()
        .await
        .expect("keys");
    app.fill("search-input", "stage:o").await;
    app.text_when("search-results", "the completion", |text| text.contains("stage:offer")).await;
    app.element("search-input").await.send_keys(Key::Enter).await.expect("Enter");
    app.until("the completion taken", || async { app.value("search-input").await == "stage:offer" }).await;
    app.text_when("search-results", "job seekers at Offer", |text| text.to_lowercase().contains("job seekers")).await;

    // A filter it cannot read is told at the field; Escape closes the box.
    app.fill("search-input", "stgae:offer nurse").await;
    let refusal = app.text_when("search-error", "the field message", |text| !text.is_empty()).await;
    assert!(refusal.contains("no filter stgae:"), "{refusal}");
    app.element("search-input").await.send_keys(Key::Escape).await.expect("Escape");
    app.until("the box closed", || async { !app.is_present("search-input").await }).await;
    app.close().await;
}

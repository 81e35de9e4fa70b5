//! Joining a team's server through the first start (issue 13), then the search box through it (SPEC FS-1 on
//! PostgreSQL). The recruiter types the server's address, sees its certificate's fingerprint (the one the
//! server printed when it started, which an administrator hands out) and joins; the desktop keeps the address
//! with the fingerprint pinned in `team.json`. The team's database has no users yet, so the page becomes the
//! team's first start, through the server; a note written there is then found by words of it, in any order and
//! by prefix, with Ctrl+K.

use super::{demo_on_the_server, write_note, TeamServer};
use crate::harness::App;
use thirtyfour::prelude::*;

#[tokio::test]
#[ignore = "needs PostgreSQL and the team server's binaries: cargo xtask test runs it in its PostgreSQL pass"]
async fn a_desktop_joins_at_the_first_start_and_searches_on_the_server() {
    let server = TeamServer::start();
    let app = App::launch(&[]).await;
    app.element("join-team-title").await;
    app.fill("team-address", &format!("127.0.0.1:{}", server.port)).await;
    app.click("find-team-server").await;
    let shown = app.text_when("team-fingerprint", "the server's fingerprint", |text| !text.is_empty()).await;
    assert_eq!(shown, server.fingerprint, "the fingerprint shown is the one the server printed");
    assert!(!app.data_dir().join("team.json").exists(), "nothing is joined before the fingerprint is confirmed");
    app.click("join-team").await;
    app.until("the join form has gone", || async { !app.is_present("join-team-title").await }).await;
    let joined = std::fs::read_to_string(app.data_dir().join("team.json")).expect("team.json after joining");
    let joined: serde_json::Value = serde_json::from_str(&joined).expect("team.json is JSON");
    assert_eq!(joined["address"], format!("https://127.0.0.1:{}", server.port));
    assert_eq!(joined["fingerprint"], server.fingerprint.as_str());

    // The team's database has no users yet: the page is now the team's first start (no solo choices left),
    // and loads the demo there, through the server.
    let title = app.text_when("team-first-start", "the team's first start", |text| !text.is_empty()).await;
    assert_eq!(title, "Set up your team's server");
    app.snapshot("team-first-start");
    assert!(!app.is_present("join-team-title").await && !app.is_present("use-this-computer").await);
    let (app, name) = demo_on_the_server(app).await;
    app.click("tab-notes").await;
    write_note(&app, "Mentioned relocating to Denver in the spring").await;
    app.click("tab-profile").await;

    // Words of the note, out of order and cut short, find it; Enter opens its job seeker on the Notes tab.
    app.driver()
        .action_chain()
        .key_down(Key::Control)
        .send_keys("k")
        .key_up(Key::Control)
        .perform()
        .await
        .expect("keys");
    app.fill("search-input", "denv reloc").await;
    let results = app.text_when("search-results", "the note", |text| text.contains("relocating to Denver")).await;
    assert!(results.contains(&name), "the hit names its job seeker: {results}");
    assert!(server.answered_command("search", 200), "the search was the server's");
    app.element("search-input").await.send_keys(Key::Enter).await.expect("Enter");
    app.until("the Notes tab is open", || async {
        app.element("tab-notes").await.attr("aria-selected").await.ok().flatten().as_deref() == Some("true")
    })
    .await;
    app.text_when("note-list", "the note found", |text| text.contains("relocating to Denver")).await;
    app.close().await;
}

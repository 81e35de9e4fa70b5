//! Team mode: the first start's choice between this computer and a team's server (issue 13). The solo path
//! is the first-start scenarios of `sign_in.rs`, unchanged; here, the choice is offered, and a server that
//! is not there is said to be unreachable without the desktop leaving solo mode.

use crate::harness::App;

#[tokio::test]
async fn the_first_start_offers_this_computer_or_the_teams_server() {
    let app = App::launch(&[]).await;
    assert_eq!(app.text("use-this-computer").await, "Use Hiredesk on this computer");
    assert_eq!(app.text("join-team-title").await, "Join my team's server");
    // A port that was just free: no server listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("bound").port();
    app.fill("team-address", &format!("127.0.0.1:{port}")).await;
    app.click("find-team-server").await;
    let error = app.text_when("team-error", "the server is not found", |text| !text.is_empty()).await;
    assert!(error.contains("cannot be reached"), "{error}");
    assert!(!app.is_present("team-fingerprint").await, "no fingerprint to confirm without a server");
    assert!(!app.data_dir().join("team.json").exists(), "nothing was joined");
    // The solo path is still there, as before.
    app.element("create-administrator").await;
    app.close().await;
}

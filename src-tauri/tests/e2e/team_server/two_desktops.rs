//! Two desktops of one team (issue 13's main flow): one team server on PostgreSQL, and two app processes with
//! two data folders, each joined to it and each on a desktop of its own (display, session bus and
//! Notifications server). Maria, a recruiter, asks on desktop A for the approval of an offer; Dana, the
//! template's approver, sees it on desktop B's Home (which reloads by itself) and gets a native notification;
//! she approves; A's Offers tab, left open, allows Send without Maria navigating away; the offer email arrives
//! once at the test's SMTP server, which the administrator set on B (the server's mail worker sends it). A note
//! written on B then appears on A's open Notes tab while A's own unsaved note stays as typed.

use super::TeamServer;
use crate::harness::{App, Start};
use crate::notifications::{serve, shown_id, Shown};
use crate::offers::{arrived, first_sign_in, open_first_at, use_mail_server, ADMIN};
use crate::sign_in::{first_start_settled, RECRUITER};
use crate::smtp::SmtpServer;
use hiredesk_core::demo;
use thirtyfour::prelude::*;

/// How many notifications titled `summary` arrived.
fn count(shown: &Shown, summary: &str) -> usize {
    shown.lock().expect("notifications").iter().filter(|(_, shown, _)| shown == summary).count()
}

/// Whether `id` is on screen and can be clicked.
async fn enabled(app: &App, id: &str) -> bool {
    app.is_present(id).await && app.element(id).await.is_enabled().await.unwrap_or(false)
}

#[tokio::test]
#[ignore = "needs PostgreSQL and the team server's binaries: cargo xtask test runs it in its PostgreSQL pass"]
async fn an_offer_approved_on_another_desktop_is_sent_from_the_first_and_mailed_once() {
    let server = TeamServer::start();
    let smtp = SmtpServer::start();
    let team_json = server.team_json();
    let join = |dir: &std::path::Path| std::fs::write(dir.join("team.json"), &team_json).expect("team.json");

    // Desktop A finds the team's database empty and loads the demo there, through the server.
    let desktop_a = App::launch_with(&[], join).await;
    first_start_settled(&desktop_a).await;
    desktop_a.click("load-demo").await;
    desktop_a.text_when("notice", "the demo accounts", |text| text.contains("maria.alvarez")).await;
    let (_a_bus, shown_on_a) = serve(desktop_a.desktop());

    // Desktop B joins the same server: the team has its accounts, so it asks for a sign-in. Dana, the
    // administrator, sets the outgoing mail server there and stays on Home.
    let desktop_b = App::start_beside(&desktop_a, Start::new(&[]), join).await;
    let (_b_bus, shown_on_b) = serve(desktop_b.desktop());
    first_sign_in(&desktop_b, ADMIN, demo::ADMINISTRATOR_PASSWORD).await;
    use_mail_server(&desktop_b, &smtp).await;
    desktop_b.click("home").await;
    desktop_b.element("todo-title").await;
    assert!(!desktop_b.is_present("approvals").await, "nothing waits for Dana yet");

    // On A, Maria makes a full-time offer (its template needs Dana's approval) and asks for it.
    first_sign_in(&desktop_a, RECRUITER, demo::RECRUITER_PASSWORD).await;
    let name = open_first_at(&desktop_a, "Offer").await;
    desktop_a.element("save-profile").await;
    let email = desktop_a.value("email").await;
    desktop_a.click("tab-offers").await;
    crate::job_seekers::select(&desktop_a, "offer-template", "Full-Time Offer").await;
    desktop_a.until("the tags", || async { !desktop_a.value("tag-job_seeker_first_name").await.is_empty() }).await;
    desktop_a.fill("tag-salary", "$82,000").await;
    desktop_a.fill("tag-start_date", "January 4, 2027").await;
    desktop_a.fill("tag-response_deadline", "December 4, 2026").await;
    desktop_a.click("save-offer").await;
    desktop_a
        .until("the offer is complete and can be put to its approver", || async {
            !desktop_a.is_present("offer-missing").await && enabled(&desktop_a, "request-approval").await
        })
        .await;
    assert!(!enabled(&desktop_a, "send-offer").await, "not before the approval");
    desktop_a.click("request-approval").await;
    desktop_a.text_when("offer-status", "pending", |text| text.contains("Pending approval")).await;

    // On B, Home shows the offer without Dana doing anything, and a native notification says so.
    let waiting = desktop_b.text_when("approvals", "the waiting offer", |text| text.contains(&name)).await;
    assert!(waiting.contains(&format!("step 1 of 1, from {RECRUITER}")), "{waiting}");
    let awaiting = format!("Offer awaiting your approval: {name}");
    shown_id(&shown_on_b, &awaiting).await;
    assert_eq!(count(&shown_on_a, &awaiting), 0, "the approver's notice is shown on the approver's desktop only");

    // Dana opens it from Home and approves.
    let offer = desktop_b.element("approvals").await.find(By::Css("button")).await.expect("the waiting offer");
    offer.click().await.expect("open the offer");
    desktop_b.text_when("job-seeker-name", "the job seeker of the offer", |text| text == name).await;
    desktop_b.click("approve-offer").await;
    desktop_b.text_when("offer-status", "approved", |text| text.starts_with("Version 1 · Approved")).await;

    // A's Offers tab, still open, follows: Send is enabled, and Maria is told by a notification too.
    desktop_a.until("Send Offer is enabled on A", || async { enabled(&desktop_a, "send-offer").await }).await;
    let status = desktop_a.text("offer-status").await;
    assert!(status.contains("Approved"), "{status}");
    shown_id(&shown_on_a, &format!("Offer approved: {name}")).await;
    desktop_a.click("send-offer").await;
    desktop_a.text_when("toast", "sent", |text| text.starts_with("Offer sent.")).await;

    // The server's mail worker delivers it. Once the Communication tab says it was sent, the outbox is done
    // with it: a second delivery would be a second email on the tab, and at the server.
    let subject = "Subject: Offer of employment: ";
    arrived(&smtp, &email, subject).await;
    desktop_a.click("tab-communication").await;
    let listed = desktop_a
        .text_when("communication-list", "the offer email, sent", |text| {
            text.contains("Offer of employment") && text.contains("Sent")
        })
        .await;
    assert_eq!(listed.matches("Offer of employment").count(), 1, "one offer email: {listed}");
    let to_the_job_seeker = smtp
        .received()
        .into_iter()
        .filter(|message| message.to.iter().any(|to| to.contains(&email)) && message.data.contains(subject))
        .count();
    assert_eq!(to_the_job_seeker, 1, "the offer email arrived once");
    assert_eq!(count(&shown_on_b, &awaiting), 1, "the approver was told once");

    // Maria starts a note on A; Dana writes one on B for the same job seeker. A's Notes tab shows Dana's
    // note by itself, and Maria's unsaved text is still there.
    desktop_a.click("tab-notes").await;
    desktop_a.click("add-note").await;
    desktop_a.fill("note-text", "Draft typed on A").await;
    desktop_b.click("tab-notes").await;
    desktop_b.click("add-note").await;
    desktop_b.fill("note-text", "Written on B").await;
    desktop_b.click("save-note").await;
    desktop_b.text_when("note-list", "B's note", |text| text.contains("Written on B")).await;
    desktop_a.text_when("note-list", "the note written on B", |text| text.contains("Written on B")).await;
    assert_eq!(desktop_a.value("note-text").await, "Draft typed on A", "the reload keeps what A is typing");

    desktop_b.close().await;
    desktop_a.close().await;
}

//! Offers on the real app (SPEC OF-1 to OF-8, CO-1, CO-2): an administrator points the app at a real SMTP
//! server started by the test and sends a test message; a recruiter moves a job seeker to stage Offer, makes
//! the offer from a template, sees the preview with highlighted values, sends it, finds it on the
//! Communication tab and at the SMTP server, records a decline and sees the offer's history.

use crate::harness::App;
use crate::job_seekers::select;
use crate::sign_in::{sign_in, RECRUITER};
use crate::smtp::SmtpServer;
use hiredesk_core::demo;
use thirtyfour::prelude::*;

pub const ADMIN: &str = "dana.whitfield@northwind.example";
pub const NEW_PASSWORD: &str = "copper lantern meadow fifty";
const XSS: &str = "<img src=x onerror=alert(1)>";

/// Signs `email` in with the initial password and changes it to [`NEW_PASSWORD`], as a first sign-in must.
pub async fn first_sign_in(app: &App, email: &str, initial: &str) {
    sign_in(app, email, initial).await;
    app.fill("old-password", initial).await;
    app.fill("new-password", NEW_PASSWORD).await;
    app.fill("confirm-new-password", NEW_PASSWORD).await;
    app.press_enter("confirm-new-password").await;
    app.element("user-name").await;
}

/// The first message to `to` whose text contains `containing`, once it has arrived. Other mail may reach the
/// same address in between (the password-changed email, sent as soon as a mail server is set).
pub async fn arrived(server: &SmtpServer, to: &str, containing: &str) -> crate::smtp::Received {
    for _ in 0..150 {
        if let Some(message) = server
            .received()
            .into_iter()
            .find(|message| message.to.iter().any(|rcpt| rcpt.contains(to)) && message.data.contains(containing))
        {
            return message;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!(
        "no message to {to} arrived; the server has {:?}",
        server.received().iter().map(|m| &m.to).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_recruiter_makes_sends_and_follows_up_an_offer() {
    let server = SmtpServer::start();
    let app = App::launch(&["--demo"]).await;

    // The administrator sets the outgoing mail server and sends a test message to themself.
    first_sign_in(&app, ADMIN, demo::ADMINISTRATOR_PASSWORD).await;
    use_mail_server(&app, &server).await;
    app.click("send-test-mail").await;
    app.text_when("toast", "the test message", |text| text == format!("Test message sent to {ADMIN}.")).await;
    assert!(arrived(&server, ADMIN, "Subject: Hiredesk test message")
        .await
        .data
        .contains("Subject: Hiredesk test message"));

    // Offer Templates: the demo's three, and a mistake named by line and tag.
    app.click("tab-offer-templates").await;
    app.text_when("template-list", "the demo templates", |text| {
        text.contains("Full-Time Offer") && text.contains("Hourly Part-Time Offer") && text.contains("Internship Offer")
    })
    .await;
    app.click("add-template").await;
    app.fill("template-name", "Per Diem Offer").await;
    app.fill("template-subject", "Per diem offer").await;
    app.fill("template-body", "Your rate: ").await;
    app.click("insert-hourly_rate").await;
    assert!(app.value("template-body").await.contains("{{ hourly_rate }}"), "a tag inserted from the list");
    app.fill("template-body", "Dear {{ job_seeker_first_name }},").await;
    // WebKitWebDriver types "\n" as nothing; Enter makes the second line.
    app.element("template-body").await.send_keys(Key::Enter + "Your rate: {{ hourly_rte }}").await.expect("typing");
    app.click("save-template").await;
    assert_eq!(
        app.text_when("template-body-error", "the refusal", |text| !text.is_empty()).await,
        "Line 2: {{ hourly_rte }} uses the unknown tag \"hourly_rte\". Pick a tag from the list."
    );
    app.snapshot("offer-template-editor");
    app.click("cancel-template").await;
    app.click("account-menu").await;
    app.click("logout").await;

    // The recruiter moves a job seeker from Interview to Offer: the Offers tab appears.
    first_sign_in(&app, RECRUITER, demo::RECRUITER_PASSWORD).await;
    app.click("nav-job-seekers").await;
    select(&app, "stage-filter", "Interview").await;
    app.text_when("page-status", "the Interview filter", |text| text.contains("of 1 ·")).await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    app.element("save-profile").await;
    let email = app.value("email").await;
    assert!(!app.is_present("tab-offers").await, "no Offers tab before stage Offer");
    let stage = app.first("select[id^='stage-']").await;
    let stage_id = stage.id().await.expect("id").expect("has an id");
    select(&app, &stage_id, "Offer").await;
    app.text_when("toast", "the stage toast", |text| text == "Stage saved.").await;
    app.click("tab-offers").await;

    // Choose a template: its tags, filled from the database where possible.
    select(&app, "offer-template", "Hourly Part-Time Offer").await;
    app.until("the tags", || async { !app.value("tag-job_seeker_first_name").await.is_empty() }).await;
    let first_name = app.value("tag-job_seeker_first_name").await;
    app.fill("tag-hours_per_week", "20").await;
    app.fill("tag-work_schedule", XSS).await;
    app.fill("tag-start_date", "January 5, 2027").await;
    app.fill("tag-response_deadline", "December 4, 2026").await;
    app.click("save-offer").await;
    app.text_when("offer-missing", "the empty tag", |text| text.contains("Hourly rate")).await;
    app.element("offer-letter").await.find(By::Css("mark.missing")).await.expect("the empty tag in red");
    assert!(!app.element("send-offer").await.is_enabled().await.expect("state"), "Send Offer waits for every tag");

    app.fill("tag-hourly_rate", "$24.50").await;
    assert!(
        !app.element("send-offer").await.is_enabled().await.expect("state"),
        "not before the preview is saved again"
    );
    app.click("save-offer").await;
    app.until("no tag left empty", || async { !app.is_present("offer-missing").await }).await;
    let letter = app.text_when("offer-letter", "the merged letter", |text| text.contains("$24.50")).await;
    assert!(letter.contains(XSS) && letter.contains(&first_name), "values appear as typed, as text: {letter}");
    let marked = app.element("offer-letter").await.find_all(By::Css("mark.merged")).await.expect("marks");
    assert!(marked.len() >= 8, "every merged value is marked");
    assert!(app.element("offer-letter").await.find(By::Css("img")).await.is_err(), "no element made from a value");
    let background = marked[0].css_value("background-color").await.expect("background");
    let rgb: Vec<u32> = background
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|part| part.trim().parse().expect("a channel"))
        .collect();
    assert!(rgb[0] > 230 && rgb[1] > 200 && rgb[2] < 190, "merged values are highlighted yellow, not {background}");
    app.snapshot("offer-preview");
    // The lower toolbar is in view at the default window size without scrolling the page (issue 14).
    let script =
        "window.scrollTo(0, 0); const bar = document.getElementById('offer-toolbar').getBoundingClientRect(); \
                  return [bar.top, bar.bottom, window.innerHeight];";
    let measured = app.driver().execute(script, Vec::new()).await.expect("measured").json().clone();
    let at = |index: usize| measured[index].as_f64().unwrap_or(f64::NAN);
    assert!(at(0) >= 0.0 && at(1) <= at(2), "the Save / Send Offer bar is in view: {measured}");

    // Sent by its shortcut (SPEC FS-2), Ctrl+Enter, which presses Send Offer; its tooltip names the keys.
    let title = app.element("send-offer").await.attr("title").await.expect("attribute");
    assert_eq!(title.as_deref(), Some("Send Offer (Ctrl+Enter)"));
    let send = app.driver().action_chain().key_down(Key::Control).send_keys(Key::Enter).key_up(Key::Control);
    send.perform().await.expect("Ctrl+Enter");
    app.text_when("toast", "sent", |text| text.starts_with("Offer sent.")).await;
    app.text_when("offer-status", "the tagline", |text| text.contains("Sent") && text.contains(RECRUITER)).await;
    let message = arrived(&server, &email, "Subject: Your part-time offer: ").await;
    assert!(message.data.contains("Subject: Your part-time offer: "), "{}", message.data);
    assert!(message.data.contains("multipart/alternative"), "{}", message.data);
    assert!(!message.data.contains(XSS) || message.data.contains("&lt;img"), "the HTML part escapes the value");

    // Communication: the email, sent.
    app.click("tab-communication").await;
    app.text_when("communication-list", "the offer email", |text| {
        text.contains("Your part-time offer") && text.contains("Sent")
    })
    .await;
    app.snapshot("communication");

    // The job seeker declines; a new offer can start from this one; View History lists every step.
    app.click("tab-offers").await;
    app.click("record-response").await;
    app.click("response-declined").await;
    app.fill("response-comment", "Took another position").await;
    app.click("save-response").await;
    app.text_when("offer-status", "declined", |text| text.contains("Declined")).await;
    app.element("send-new-offer").await;
    app.click("view-offer-history").await;
    let history = app.text_when("offer-history", "the offer's actions", |text| text.contains("Declined")).await;
    app.snapshot("offer-history");
    for action in ["Generated", "Sent", "Declined", RECRUITER, "Took another position"] {
        assert!(history.contains(action), "{action} in {history}");
    }
    app.click("send-new-offer").await;
    app.text_when("offer-status", "version 2", |text| text.starts_with("Version 2 · Draft")).await;
    app.close().await;
}

/// The signed-in administrator points the app at the test's SMTP server (Administration → Outgoing Mail).
pub async fn use_mail_server(app: &App, server: &SmtpServer) {
    app.click("nav-administration").await;
    app.click("tab-mail").await;
    app.fill("mail-host", "127.0.0.1").await;
    app.fill("mail-port", &server.port.to_string()).await;
    select(app, "mail-security", "None").await;
    app.fill("mail-sender", "Northwind Recruiting <recruiting@northwind.example>").await;
    app.click("save-mail").await;
    app.text_when("toast", "saved", |text| text == "Mail settings saved.").await;
}

/// Opens the first job seeker at `stage` from the Job Seekers list.
pub async fn open_first_at(app: &App, stage: &str) -> String {
    app.click("nav-job-seekers").await;
    // The unfiltered list first, so that the filtered one is told from it: a row of the list before the filter
    // answered is replaced under the click (seen through the team server, which answers later than the core).
    let unfiltered = app.text_when("page-status", "the list", |text| text.contains(" of ")).await;
    select(app, "stage-filter", stage).await;
    app.until("the stage filter", || async {
        let status = app.text("page-status").await;
        status.contains(" of ") && status != unfiltered
    })
    .await;
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    app.text_when("job-seeker-name", "the job seeker", |text| !text.is_empty()).await
}

/// OF-9: an offer from a template with an approver waits for the approval; the approver finds it on Home,
/// opens it on the Offers tab and approves it; then the recruiter can send it.
#[tokio::test]
async fn an_approver_finds_the_offer_on_home_and_approves_it() {
    let app = App::launch(&["--demo"]).await;
    first_sign_in(&app, RECRUITER, demo::RECRUITER_PASSWORD).await;
    let name = open_first_at(&app, "Offer").await;
    app.click("tab-offers").await;
    select(&app, "offer-template", "Full-Time Offer").await;
    app.until("the tags", || async { !app.value("tag-job_seeker_first_name").await.is_empty() }).await;
    app.fill("tag-salary", "$82,000").await;
    app.fill("tag-start_date", "January 4, 2027").await;
    app.fill("tag-response_deadline", "December 4, 2026").await;
    app.click("save-offer").await;
    app.until("no tag left empty", || async {
        !app.is_present("offer-missing").await && app.is_present("request-approval").await
    })
    .await;
    assert!(
        !app.is_present("send-offer").await || !app.element("send-offer").await.is_enabled().await.expect("state"),
        "not before approval"
    );
    app.click("request-approval").await;
    app.text_when("offer-status", "pending", |text| text.contains("Pending approval")).await;
    app.click("account-menu").await;
    app.click("logout").await;

    // The administrator, the template's approver (asked first for security questions, which can wait): the
    // offer is on Home; a click opens its Offers tab.
    first_sign_in(&app, ADMIN, demo::ADMINISTRATOR_PASSWORD).await;
    app.click("home").await;
    let waiting = app.text_when("approvals", "the waiting offer", |text| text.contains(&name)).await;
    assert!(waiting.contains(&format!("step 1 of 1, from {RECRUITER}")), "{waiting}");
    app.snapshot("home-approvals");
    app.element("approvals").await.find(By::Css("button")).await.expect("the offer").click().await.expect("open");
    app.text_when("job-seeker-name", "the job seeker of the offer", |text| text == name).await;
    app.click("approve-offer").await;
    app.text_when("offer-status", "approved", |text| text.starts_with("Version 1 · Approved")).await;
    app.click("home").await;
    app.element("todo-title").await;
    assert!(!app.is_present("approvals").await, "approved: no longer waiting");
    app.click("account-menu").await;
    app.click("logout").await;

    // The recruiter can send it now.
    sign_in(&app, RECRUITER, NEW_PASSWORD).await;
    open_first_at(&app, "Offer").await;
    app.click("tab-offers").await;
    app.until("Send Offer is enabled", || async {
        app.is_present("send-offer").await && app.element("send-offer").await.is_enabled().await.unwrap_or(false)
    })
    .await;
    app.close().await;
}

//! The accessibility pass (SPEC FS-2): axe-core, the standard engine, run inside the real app's page on every
//! screen a recruiter and an administrator use — the first start (with its refusals), sign-in (refused too),
//! Forgot password, the forced password change, Home, the job seeker list, each tab of a job seeker (with a note
//! being written and an offer open), the search box with hits, the shortcut sheet, the account pages and
//! Administration. Every serious or critical violation fails the test, listed with its rule and the elements it
//! found, so one run shows all that is left.
//!
//! `cargo xtask test` installs axe-core from npm at a pinned version and names its script in
//! `HIREDESK_AXE_SCRIPT`; the script is injected through WebDriver, so the app's CSP (which allows no script of
//! another origin) is unchanged.

use crate::harness::App;
use crate::sign_in::sign_in;
use hiredesk_core::demo;
use thirtyfour::prelude::*;

const ADMINISTRATOR: &str = "dana.whitfield@northwind.example";
const NEW_PASSWORD: &str = "copper lantern meadow fifty";

/// axe-core's script, as `cargo xtask test` installed it.
fn axe_script() -> String {
    let path = std::env::var_os("HIREDESK_AXE_SCRIPT")
        .expect("HIREDESK_AXE_SCRIPT names axe-core's axe.min.js (cargo xtask test installs it and sets it)");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.to_string_lossy()))
}

/// Runs axe-core on the page as it is now and adds its serious and critical violations to `found`, each as
/// "screen: rule (help): elements".
async fn audit(app: &App, screen: &str, found: &mut Vec<String>) {
    let loaded = app.driver().execute("return typeof window.axe === 'object';", Vec::new()).await.expect("a check");
    if !loaded.json().as_bool().unwrap_or(false) {
        app.driver().execute(&format!("{};\nreturn true;", axe_script()), Vec::new()).await.expect("axe-core loads");
    }
    let run = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document)
            .then(result => done(JSON.stringify({
                passed: result.passes.length,
                lesser: result.violations
                    .filter(v => v.impact !== 'serious' && v.impact !== 'critical')
                    .map(v => `${v.id} (${v.impact})`),
                serious: result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.help}): ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ')}`),
            })))
            .catch(error => done(JSON.stringify({ passed: 0, serious: [`axe-core failed: ${error}`] })));
    "#;
    let answer = app.driver().execute_async(run, Vec::new()).await.expect("axe-core runs");
    let report: serde_json::Value =
        serde_json::from_str(answer.json().as_str().unwrap_or("{}")).expect("axe-core's report");
    // A run that checked nothing would pass anything.
    let passed = report["passed"].as_u64().unwrap_or(0);
    assert!(passed >= 10, "{screen}: axe-core checked only {passed} rules: {report}");
    // Moderate and minor findings do not fail the pass; they are printed for the next engineer.
    if let Some(lesser) = report["lesser"].as_array().filter(|lesser| !lesser.is_empty()) {
        eprintln!("{screen}: also {lesser:?}");
    }
    let serious = report["serious"].as_array().cloned().unwrap_or_default();
    found.extend(serious.iter().map(|violation| format!("{screen}: {}", violation.as_str().unwrap_or_default())));
}

/// Shows tab `id` of the open job seeker and waits until it is the selected one.
async fn show_tab(app: &App, id: &str) {
    app.click(id).await;
    app.until(&format!("#{id} is selected"), || async {
        app.element(id).await.attr("aria-selected").await.ok().flatten().as_deref() == Some("true")
    })
    .await;
}

#[tokio::test]
async fn every_screen_passes_axe_core_with_no_serious_violation() {
    let mut found = Vec::new();
    let app = App::launch(&["--demo"]).await;
    app.element("sign-in-title").await;
    // First a control: a button with no name, which axe-core must report, so this pass can fail.
    let add = "const b = document.createElement('button'); b.id = 'axe-control'; document.body.append(b);";
    app.driver().execute(add, Vec::new()).await.expect("the control added");
    let mut control = Vec::new();
    audit(&app, "control", &mut control).await;
    assert!(control.iter().any(|found| found.contains("button-name") && found.contains("#axe-control")), "{control:?}");
    app.driver().execute("document.getElementById('axe-control').remove();", Vec::new()).await.expect("removed");
    audit(&app, "sign-in", &mut found).await;
    app.click("forgot-password").await;
    app.element("recover-title").await;
    audit(&app, "forgot password", &mut found).await;
    app.click("back-to-sign-in").await;
    app.element("sign-in-title").await;
    sign_in(&app, crate::sign_in::RECRUITER, "not the password").await;
    app.text_when("form-error", "the refusal", |text| !text.is_empty()).await;
    audit(&app, "sign-in refused", &mut found).await;
    sign_in(&app, crate::sign_in::RECRUITER, demo::RECRUITER_PASSWORD).await;
    app.element("old-password").await;
    audit(&app, "forced password change", &mut found).await;
    let app = crate::job_seekers::past_the_change(app).await;
    audit(&app, "job seeker list", &mut found).await;

    // A job seeker at stage Offer, so that the Offers tab is there too.
    app.click("home").await;
    app.element("todo-title").await;
    audit(&app, "home", &mut found).await;
    app.click("nav-job-seekers").await;
    app.text_when("page-status", "the list", |text| text.contains("job seekers")).await;
    crate::job_seekers::select(&app, "stage-filter", "Offer").await;
    app.text_when("page-status", "the job seekers at Offer", |text| !text.contains("60 job seekers")).await;
    app.driver()
        .find(By::Css("#job-seeker-list tbody button"))
        .await
        .expect("a job seeker at Offer")
        .click()
        .await
        .expect("open");
    app.element("job-seeker-name").await;
    audit(&app, "job seeker: Profile", &mut found).await;
    for (tab, screen) in [
        ("tab-forms", "job seeker: Forms"),
        ("tab-history", "job seeker: History"),
        ("tab-offers", "job seeker: Offers"),
        ("tab-communication", "job seeker: Communication"),
    ] {
        show_tab(&app, tab).await;
        // Each tab loads what it shows; axe-core runs on the loaded tab.
        app.element(match tab {
            "tab-history" => "history-list",
            "tab-offers" => "offer-toolbar",
            _ => "job-seeker-name",
        })
        .await;
        audit(&app, screen, &mut found).await;
    }
    show_tab(&app, "tab-notes").await;
    app.click("add-note").await;
    app.click("note-task").await;
    app.element("note-due").await;
    audit(&app, "job seeker: Notes with a task being written", &mut found).await;
    app.click("discard-note").await;

    // The search box with hits, and the shortcut sheet.
    app.click("open-search").await;
    app.fill("search-input", "nurse").await;
    app.text_when("search-results", "hits", |text| !text.is_empty()).await;
    audit(&app, "search box", &mut found).await;
    app.element("search-input").await.send_keys(Key::Escape).await.expect("Escape");
    app.click("help-menu").await;
    app.click("menu-shortcuts").await;
    app.element("shortcut-table").await;
    audit(&app, "keyboard shortcuts sheet", &mut found).await;
    app.click("close-shortcuts").await;

    for (item, ready, screen) in [
        ("menu-contact", "save-contact", "contact information"),
        ("menu-security", "save-password", "security"),
        ("menu-settings", "save-settings", "settings"),
    ] {
        app.click("account-menu").await;
        app.click(item).await;
        app.element(ready).await;
        audit(&app, screen, &mut found).await;
    }

    // Administration, as the administrator.
    app.click("account-menu").await;
    app.click("logout").await;
    sign_in(&app, ADMINISTRATOR, demo::ADMINISTRATOR_PASSWORD).await;
    app.fill("old-password", demo::ADMINISTRATOR_PASSWORD).await;
    app.fill("new-password", NEW_PASSWORD).await;
    app.fill("confirm-new-password", NEW_PASSWORD).await;
    app.press_enter("confirm-new-password").await;
    app.click("nav-administration").await;
    app.element("administration-page").await;
    audit(&app, "administration", &mut found).await;
    app.close().await;

    assert!(found.is_empty(), "{} serious or critical accessibility violations:\n{}", found.len(), found.join("\n"));
}

#[tokio::test]
async fn the_first_start_passes_axe_core_with_no_serious_violation() {
    let mut found = Vec::new();
    let app = App::launch(&[]).await;
    app.element("first-run-title").await;
    audit(&app, "first start", &mut found).await;
    // With its refusals on screen: a team server that is not there, and an empty administrator form.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("bound").port();
    app.fill("team-address", &format!("127.0.0.1:{port}")).await;
    app.click("find-team-server").await;
    app.text_when("team-error", "the server is not found", |text| !text.is_empty()).await;
    app.click("create-administrator").await;
    app.until("a field message", || async { app.is_present("email-error").await }).await;
    audit(&app, "first start with its refusals", &mut found).await;
    app.close().await;
    assert!(found.is_empty(), "{} serious or critical accessibility violations:\n{}", found.len(), found.join("\n"));
}

//! The job seeker list, the detail's Previous/Next keeping the open tab, profile edits and stage changes
//! seen in History (SPEC JS-3, JS-4, HI-1, HI-2).

use crate::harness::App;
use crate::sign_in::{sign_in, RECRUITER};
use hiredesk_core::demo;
use thirtyfour::prelude::*;

const NEW_PASSWORD: &str = "copper lantern meadow fifty";

/// A demo app with Maria signed in (her initial password changed), on the job seeker list.
pub async fn on_the_list() -> App {
    to_the_list(App::launch(&["--demo"]).await).await
}

/// Signs Maria in on a demo `app` that shows the sign-in screen, changes her initial password and opens the
/// job seeker list.
pub async fn to_the_list(app: App) -> App {
    sign_in(&app, RECRUITER, demo::RECRUITER_PASSWORD).await;
    past_the_change(app).await
}

/// From Maria's forced password change on a demo `app` to the job seeker list.
pub async fn past_the_change(app: App) -> App {
    app.fill("old-password", demo::RECRUITER_PASSWORD).await;
    app.fill("new-password", NEW_PASSWORD).await;
    app.fill("confirm-new-password", NEW_PASSWORD).await;
    app.press_enter("confirm-new-password").await;
    app.click("nav-job-seekers").await;
    app.text_when("page-status", "the list", |text| text.contains("60 job seekers")).await;
    app
}

/// Chooses `visible_text` in select `id`, once that option is there (options may arrive after the select).
pub async fn select(app: &App, id: &str, visible_text: &str) {
    app.element(id).await;
    let option = app
        .driver()
        .query(By::XPath(format!("//select[@id='{id}']//option[normalize-space(.)='{visible_text}']")))
        .wait(crate::harness::PATIENCE, std::time::Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|error| panic!("#{id} has no option {visible_text:?}: {error}"));
    option.click().await.unwrap_or_else(|error| panic!("choosing {visible_text:?} in #{id}: {error}"));
}

/// The names in the list, top to bottom.
async fn listed_names(app: &App) -> Vec<String> {
    let mut names = Vec::new();
    for button in app.driver().find_all(By::Css("#job-seeker-list tbody button")).await.expect("rows") {
        names.push(button.text().await.expect("name"));
    }
    names
}

#[tokio::test]
async fn next_keeps_the_history_tab_open_on_the_next_job_seeker_at_offer() {
    let app = on_the_list().await;
    select(&app, "stage-filter", "Offer").await;
    app.text_when("page-status", "the Offer filter", |text| text.ends_with("6 job seekers")).await;
    let names = listed_names(&app).await;
    assert_eq!(names.len(), 6);
    app.element("job-seeker-list")
        .await
        .find(By::Css("tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    app.text_when("job-seeker-name", "the first job seeker", |text| text == names[0]).await;
    assert_eq!(app.text_when("list-position", "the position", |text| !text.is_empty()).await, "1 of 6");

    app.click("tab-history").await;
    app.text_when("history-list", "the first job seeker's history", |text| text.contains("Applied for")).await;
    app.click("next-job-seeker").await;
    app.text_when("job-seeker-name", "the second job seeker", |text| text == names[1]).await;
    app.text_when("list-position", "the position", |text| text == "2 of 6").await;
    let tab = app.element("tab-history").await;
    assert_eq!(tab.attr("aria-selected").await.expect("attribute").as_deref(), Some("true"), "History is still open");
    app.element("history-list").await;
    app.snapshot("history-after-next");

    // Alt+→ moves on too, and Alt+← comes back.
    app.driver()
        .action_chain()
        .key_down(Key::Alt)
        .send_keys(Key::Right)
        .key_up(Key::Alt)
        .perform()
        .await
        .expect("keys");
    app.text_when("job-seeker-name", "the third job seeker", |text| text == names[2]).await;
    app.driver().action_chain().key_down(Key::Alt).send_keys(Key::Left).key_up(Key::Alt).perform().await.expect("keys");
    app.text_when("job-seeker-name", "the second job seeker again", |text| text == names[1]).await;
    app.close().await;
}

/// Opens the first row of the list shown.
async fn open_first_row(app: &App) {
    let list = app.element("job-seeker-list").await;
    list.find(By::Css("tbody button")).await.expect("first row").click().await.expect("open");
}

/// Previous/Next come from the page the job seeker was opened on while it shows them, and from the core across
/// its edge: both give the same walk.
#[tokio::test]
async fn previous_and_next_cross_the_edge_of_the_page_opened_from() {
    let app = on_the_list().await;
    let first_page = listed_names(&app).await;
    app.click("next-page").await;
    app.text_when("page-status", "page 2", |text| text.starts_with("Page 2 of")).await;
    let second_page = listed_names(&app).await;
    let per_page = first_page.len();
    assert!(per_page >= 2 && second_page.len() >= 2, "two pages of at least two: {first_page:?} {second_page:?}");
    assert!(!second_page.contains(&first_page[per_page - 1]), "page 2 has other job seekers");

    open_first_row(&app).await;
    app.text_when("job-seeker-name", "page 2's first", |text| text == second_page[0]).await;
    let position = |number: usize| format!("{number} of 60");
    app.text_when("list-position", "its position", |text| text == position(per_page + 1)).await;
    // Back over the page's edge: asked of the core, as is the step after it (page 1 was not opened from).
    for (name, number) in [(&first_page[per_page - 1], per_page), (&first_page[per_page - 2], per_page - 1)] {
        app.click("previous-job-seeker").await;
        app.text_when("job-seeker-name", "the one before", |text| text == name.as_str()).await;
        app.text_when("list-position", "its position", |text| text == position(number)).await;
    }
    // And forward again, onto the page opened from and along it.
    for (name, number) in
        [(&first_page[per_page - 1], per_page), (&second_page[0], per_page + 1), (&second_page[1], per_page + 2)]
    {
        app.click("next-job-seeker").await;
        app.text_when("job-seeker-name", "the one after", |text| text == name.as_str()).await;
        app.text_when("list-position", "its position", |text| text == position(number)).await;
    }
    app.close().await;
}

#[tokio::test]
async fn profile_edits_and_stage_changes_show_in_history_with_old_and_new_values() {
    let app = on_the_list().await;
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
    let old_phone = app.value("phone").await;

    // A bad value is refused at its field and nothing typed is lost.
    app.fill("postal-code", "021").await;
    app.click("save-profile").await;
    assert_eq!(
        app.text_when("postal-code-error", "the ZIP message", |text| !text.is_empty()).await,
        "Enter a ZIP code like 02118 or 02118-1234."
    );
    assert_eq!(app.value("postal-code").await, "021");
    app.fill("postal-code", "02139").await;
    app.fill("phone", "(617) 555-0199").await;
    app.click("save-profile").await;
    app.text_when("toast", "the saved toast", |text| text == "Profile saved.").await;

    let stage = app.element("applications-title").await;
    drop(stage);
    let stage_select = app.first("select[id^='stage-']").await;
    let stage_id = stage_select.id().await.expect("id").expect("has an id");
    select(&app, &stage_id, "Offer").await;
    app.text_when("toast", "the stage toast", |text| text == "Stage saved.").await;

    app.click("tab-history").await;
    let history = app
        .text_when("history-list", "both changes", |text| text.contains("Stage changed from Interview to Offer"))
        .await;
    assert!(history.contains(RECRUITER), "entries name the user: {history}");
    assert!(history.contains(&format!("Phone: {old_phone} → (617) 555-0199")), "old and new values: {history}");
    assert!(history.contains("ZIP Code:"), "{history}");
    app.snapshot("history-with-changes");

    // The kind filter narrows the tab to the stage change.
    select(&app, "history-kind", "Stage").await;
    app.text_when("history-list", "only the stage change", |text| {
        !text.contains("Phone:") && text.contains("Stage changed")
    })
    .await;
    app.close().await;
}

#[tokio::test]
async fn typing_a_search_shows_what_the_last_text_finds() {
    let app = on_the_list().await;
    let someone = listed_names(&app).await.into_iter().next().expect("a first row");
    let (first, last) = someone.split_once(' ').expect("two names");
    // Typed key by key: one request per key would each run to the end; the list shows the last text's answer.
    app.fill("search", &format!("{last}, {first}")).await;
    app.text_when("page-status", "the searched name", |text| !text.contains("60 job seekers")).await;
    let found = listed_names(&app).await;
    assert!(!found.is_empty() && found.iter().all(|name| *name == someone), "{someone}: {found:?}");
    // Key by key back to nothing (`fill` would clear the field first, which fires no input event).
    let search = app.element("search").await;
    for _ in 0..someone.len() + 2 {
        search.send_keys(Key::Backspace).await.expect("backspace");
    }
    app.text_when("page-status", "the whole list again", |text| text.contains("60 job seekers")).await;
}

//! Administration: a new user with a temporary password, and an organisation rule that the next password
//! change names (SPEC AC-3, AC-4).

use crate::harness::App;
use crate::sign_in::{first_start_settled, sign_in};
use thirtyfour::prelude::*;

const ADMIN: &str = "ada.byron@northwind.example";
const ADMIN_PASSWORD: &str = "velvet kettle orbit nineteen";

#[tokio::test]
async fn an_administrator_creates_a_user_who_must_change_the_temporary_password_under_the_policy() {
    let app = App::launch(&[]).await;
    app.fill("email", ADMIN).await;
    app.fill("first-name", "Ada").await;
    app.fill("last-name", "Byron").await;
    app.fill("password", ADMIN_PASSWORD).await;
    app.fill("confirm-password", ADMIN_PASSWORD).await;
    // A brand-new account has no earlier passwords to avoid (issue 14, rough edge).
    let rules = app.text_when("password-rules", "the rules", |text| text.contains("Not a common")).await;
    assert!(!rules.contains("last 5"), "{rules}");
    first_start_settled(&app).await;
    app.click("create-administrator").await;
    app.element("notice").await;
    sign_in(&app, ADMIN, ADMIN_PASSWORD).await;

    app.click("nav-administration").await;
    app.fill("new-user-email", "nora.quinn@northwind.example").await;
    app.fill("new-user-first-name", "Nora").await;
    app.fill("new-user-last-name", "Quinn").await;
    app.click("create-user").await;
    let temporary = app.text_when("temporary-password-value", "the temporary password", |text| text.len() == 19).await;
    app.text_when("user-list", "the new user", |text| text.contains("nora.quinn@northwind.example")).await;
    // One's own, active account offers neither Deactivate nor Reactivate (it showed Reactivate).
    let mut own = None;
    for row in app.driver().find_all(By::Css("#user-list tr")).await.expect("the rows") {
        let text = row.text().await.expect("a row's text");
        if text.contains(ADMIN) {
            own = Some(text);
        }
    }
    let own = own.expect("the administrator's own row");
    assert!(!own.contains("Reactivate") && !own.contains("Deactivate"), "{own}");
    app.snapshot("administration-users");

    app.click("tab-policy").await;
    app.text_when("policy-notes", "where the system is stricter", |text| {
        text.contains("Minimum length: the system already requires")
    })
    .await;
    app.click("policy-require-symbol").await;
    app.click("save-policy").await;
    app.text_when("toast", "saved", |text| text == "Security policy saved.").await;

    app.click("account-menu").await;
    app.click("logout").await;
    sign_in(&app, "nora.quinn@northwind.example", &temporary).await;
    app.element("change-password-title").await;
    app.fill("old-password", &temporary).await;
    app.fill("new-password", "copper lantern meadow fifty").await;
    app.fill("confirm-new-password", "copper lantern meadow fifty").await;
    app.click("save-password").await;
    assert_eq!(app.text_when("new-password-error", "the symbol rule", |text| !text.is_empty()).await, "Add a symbol.");
    app.fill("new-password", "copper lantern meadow fifty!").await;
    app.fill("confirm-new-password", "copper lantern meadow fifty!").await;
    app.click("save-password").await;
    app.text_when("user-name", "signed in", |text| text == "Nora Quinn").await;
    assert!(!app.is_present("nav-administration").await, "a Recruiter has no Administration");
    app.close().await;
}

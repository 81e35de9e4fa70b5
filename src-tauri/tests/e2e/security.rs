//! Security questions, the sign-in reminder, and Forgot password (SPEC AC-5).

use crate::harness::App;
use crate::job_seekers::select;
use crate::sign_in::{sign_in, RECRUITER};
use hiredesk_core::demo;

#[tokio::test]
async fn set_three_questions_sign_out_and_reset_the_password_with_them() {
    let app = App::launch(&["--demo"]).await;
    sign_in(&app, RECRUITER, demo::RECRUITER_PASSWORD).await;
    let first = "copper lantern meadow fifty";
    app.fill("old-password", demo::RECRUITER_PASSWORD).await;
    app.fill("new-password", first).await;
    app.fill("confirm-new-password", first).await;
    app.press_enter("confirm-new-password").await;

    // No questions yet: Security Questions opens as a reminder.
    app.text_when("security-notice", "the reminder", |text| text.starts_with("Set your three security questions"))
        .await;
    select(&app, "question-1", "What was the name of your first pet?").await;
    app.fill("answer-1", "Rex the Dog").await;
    select(&app, "question-2", "What was the name of your first pet?").await;
    app.fill("answer-2", "Providence").await;
    app.click("custom-3").await;
    app.fill("question-3", "Who taught you to sail?").await;
    app.fill("answer-3", "Aunt Margit").await;
    app.click("save-questions").await;
    assert_eq!(
        app.text_when("question-2-error", "the duplicate message", |text| !text.is_empty()).await,
        "Choose a different question for each of the three."
    );
    select(&app, "question-2", "In what city were you born?").await;
    app.click("save-questions").await;
    app.text_when("toast", "saved", |text| text == "Security questions saved.").await;
    app.text_when("question-3-text", "the stored question", |text| text == "Who taught you to sail?").await;
    app.snapshot("security-questions");

    app.click("account-menu").await;
    app.click("logout").await;
    app.click("forgot-password").await;
    app.fill("recover-email", RECRUITER).await;
    app.click("recover-continue").await;
    app.element("recover-answer-3").await;
    app.fill("recover-answer-1", "rex  the dog").await;
    app.fill("recover-answer-2", "Boston").await;
    app.fill("recover-answer-3", "aunt margit").await;
    let second = "glacier teapot velcro summit";
    app.fill("new-password", second).await;
    app.fill("confirm-new-password", second).await;
    app.click("recover-continue").await;
    assert_eq!(
        app.text_when("form-error", "the wrong-answer message", |text| !text.is_empty()).await,
        "One or more answers are not correct."
    );
    app.fill("recover-answer-2", " PROVIDENCE ").await;
    app.click("recover-continue").await;
    app.text_when("notice", "the password changed", |text| {
        text == "Your password was changed. Sign in with your new password."
    })
    .await;

    sign_in(&app, RECRUITER, second).await;
    app.text_when("user-name", "Home", |text| text == "Maria Alvarez").await;
    assert!(!app.is_present("security-notice").await, "no reminder once all three are set");
    app.close().await;
}

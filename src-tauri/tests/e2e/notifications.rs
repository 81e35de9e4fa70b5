//! Native notifications (SPEC AC-8) through a real org.freedesktop.Notifications server that the test
//! serves on its scenario's own session bus.

use crate::desktop::Desktop;
use crate::job_seekers::{on_the_list, select};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zbus::zvariant::OwnedValue;

/// What the server was asked to show: (application, summary, body).
pub type Shown = Arc<Mutex<Vec<(String, String, String)>>>;

/// The actions each notification offered, by its id.
type Actions = Arc<Mutex<HashMap<u32, Vec<String>>>>;

struct NotificationServer {
    shown: Shown,
    actions: Actions,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationServer {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().expect("notifications");
        shown.push((app_name, summary, body));
        let id = u32::try_from(shown.len()).unwrap_or(u32::MAX);
        self.actions.lock().expect("actions").insert(id, actions);
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".to_owned(), "actions".to_owned()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("hiredesk-test".to_owned(), "Hiredesk".to_owned(), "1".to_owned(), "1.2".to_owned())
    }

    fn close_notification(&self, _id: u32) {}
}

/// Serves org.freedesktop.Notifications on `desktop`'s session bus.
pub fn serve(desktop: &Desktop) -> (zbus::blocking::Connection, Shown) {
    let (connection, shown, _) = serve_with_actions(desktop);
    (connection, shown)
}

fn serve_with_actions(desktop: &Desktop) -> (zbus::blocking::Connection, Shown, Actions) {
    let (shown, actions): (Shown, Actions) = (Arc::default(), Arc::default());
    let server = NotificationServer { shown: shown.clone(), actions: actions.clone() };
    let connection = desktop
        .bus()
        .name("org.freedesktop.Notifications")
        .and_then(|builder| builder.serve_at("/org/freedesktop/Notifications", server))
        .and_then(|builder| builder.build())
        .expect("the Notifications service on the scenario's session bus");
    (connection, shown, actions)
}

/// Adds Ines Duarte for the Lab Technician requisition, which raises a "someone applies" notice.
async fn add_ines(app: &crate::harness::App) {
    app.click("add-job-seeker").await;
    select(app, "add-requisition", "Lab Technician").await;
    app.fill("first-name", "Ines").await;
    app.fill("last-name", "Duarte").await;
    app.fill("email", "ines.duarte@mail.example").await;
    app.click("save-job-seeker").await;
    app.text_when("job-seeker-name", "the new job seeker", |text| text == "Ines Duarte").await;
}

#[tokio::test]
async fn an_application_shows_one_native_notification_to_the_signed_in_recruiter() {
    let app = on_the_list().await;
    let (_connection, shown) = serve(app.desktop());
    add_ines(&app).await;

    let deadline = Instant::now() + Duration::from_secs(20);
    let about_ines = || {
        shown
            .lock()
            .expect("notifications")
            .iter()
            .filter(|(_, summary, _)| summary == "New applicant: Ines Duarte")
            .count()
    };
    while about_ines() == 0 {
        assert!(
            Instant::now() < deadline,
            "no notification arrived; shown: {:?}",
            shown.lock().expect("notifications")
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Another scheduler round later must not show it again.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(about_ines(), 1);
    let (application, _, body) = shown
        .lock()
        .expect("notifications")
        .iter()
        .find(|(_, summary, _)| summary.contains("Ines"))
        .cloned()
        .expect("shown");
    assert_eq!(application, "Hiredesk");
    assert!(body.starts_with("Ines Duarte applied for Lab Technician on "), "{body}");
    app.close().await;
}

/// The id of the first notification titled `summary`, once it arrived.
async fn shown_id(shown: &Shown, summary: &str) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = shown.lock().expect("notifications").iter().position(|(_, shown, _)| shown == summary);
        if let Some(index) = found {
            return u32::try_from(index + 1).expect("an id");
        }
        assert!(
            Instant::now() < deadline,
            "no notification {summary:?} arrived; shown: {:?}",
            shown.lock().expect("notifications")
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The user clicks notification `id` (the server says so, as a desktop does).
fn click(connection: &zbus::blocking::Connection, id: u32) {
    connection
        .emit_signal(
            None::<&str>,
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "ActionInvoked",
            &(id, "default"),
        )
        .expect("the click is signalled");
}

/// Goes Home and waits until the job seeker detail is gone, so that what opens next is the click's doing.
async fn go_home(app: &crate::harness::App) {
    app.click("home").await;
    app.until("Home is showing", || async { !app.is_present("job-seeker-name").await }).await;
}

#[tokio::test]
async fn a_task_due_today_is_reminded_once_by_a_native_notification() {
    let app = on_the_list().await;
    let (connection, shown, _) = serve_with_actions(app.desktop());
    app.driver()
        .find(thirtyfour::By::Css("#job-seeker-list tbody button"))
        .await
        .expect("first row")
        .click()
        .await
        .expect("open");
    let name = app.text_when("job-seeker-name", "a job seeker", |text| !text.is_empty()).await;
    app.click("tab-notes").await;
    app.click("add-note").await;
    app.fill("note-text", "Send the offer paperwork").await;
    app.click("note-task").await;
    // Due today in the recruiter's zone (Eastern); it is reminded at once when it is past 09:00 there, and at
    // the next 09:00 otherwise, so the test expects it only after nine.
    let eastern_now = hiredesk_core::time::to_local(chrono::Utc::now(), hiredesk_core::time::UserZone::default()).wall;
    app.fill("note-due", &eastern_now.format("%m/%d/%Y").to_string()).await;
    app.click("save-note").await;
    app.text_when("note-list", "the task", |text| text.contains("Send the offer paperwork")).await;
    let title = format!("Task due: {name}");
    let reminders = || shown.lock().expect("notifications").iter().filter(|(_, summary, _)| *summary == title).count();
    if eastern_now.time() < chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("nine") {
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(reminders(), 0, "not before 09:00");
    } else {
        let id = shown_id(&shown, &title).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(reminders(), 1, "once a day");
        // A click opens the job seeker on the Notes tab, where the task is.
        go_home(&app).await;
        click(&connection, id);
        app.text_when("job-seeker-name", "the job seeker opened by the click", |text| text == name).await;
        app.text_when("note-list", "the task on the Notes tab", |text| text.contains("Send the offer paperwork")).await;
    }
    app.close().await;
}

#[tokio::test]
async fn clicking_a_notification_opens_its_job_seeker() {
    let app = on_the_list().await;
    let (connection, shown, actions) = serve_with_actions(app.desktop());
    add_ines(&app).await;
    let id = shown_id(&shown, "New applicant: Ines Duarte").await;
    let offered = actions.lock().expect("actions").get(&id).cloned().unwrap_or_default();
    assert_eq!(offered.first().map(String::as_str), Some("default"), "a click is its default action: {offered:?}");

    // Elsewhere in the app (last on a Notes tab), the user clicks the notification: Ines on her Profile.
    app.click("tab-notes").await;
    go_home(&app).await;
    click(&connection, id);
    app.text_when("job-seeker-name", "Ines opened by the click", |text| text == "Ines Duarte").await;
    let profile = app.element("tab-profile").await;
    let selected = profile.attr("aria-selected").await.expect("aria-selected");
    assert_eq!(selected.as_deref(), Some("true"), "a new application opens on the Profile tab");
    app.close().await;
}

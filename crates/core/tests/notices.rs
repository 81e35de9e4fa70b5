//! Notification delivery (SPEC AC-8) against a real SQLite file: who gets what, when, and never twice.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::TestDesk;
use diesel::prelude::*;
use hiredesk_core::db::schema::outbox;
use hiredesk_core::demo;
use hiredesk_wire::{
    AddJobSeekerRequest, AppliesDelivery, ChangePasswordRequest, JobSeekerProfile, NoticeTab, NoticeTarget,
    NotificationPreferencesRequest, RequisitionChoicesRequest, RequisitionFields, SaveNotificationPreferencesRequest,
    SaveRequisitionRequest, SignInRequest,
};

const RECRUITER: &str = "maria.alvarez@northwind.example";

fn ready(test: &TestDesk, email: &str, initial: &str) -> String {
    let token =
        test.call_public(&SignInRequest { email: email.into(), password: initial.into() }).expect("sign in").token;
    let new = "copper lantern meadow fifty";
    let change =
        ChangePasswordRequest { old_password: initial.into(), new_password: new.into(), confirm_password: new.into() };
    test.call(&token, &change).expect("change");
    token
}

fn outbox_count(test: &TestDesk) -> i64 {
    outbox::table.count().get_result(&mut test.raw()).expect("count")
}

/// Moves the test clock to an instant.
fn set_clock(test: &TestDesk, to: DateTime<Utc>, from: &mut DateTime<Utc>) {
    test.advance(to - *from);
    *from = to;
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("instant").with_timezone(&Utc)
}

#[test]
fn an_application_notifies_each_user_who_wants_it_immediately_once() {
    let test = TestDesk::new(true);
    let token = ready(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    test.desk.deliver_notices().expect("flush what the demo raised");
    let requisition = test.call(&token, &RequisitionChoicesRequest {}).expect("requisitions")[0].id;
    let profile = JobSeekerProfile {
        first_name: "Ines".into(),
        last_name: "Duarte".into(),
        email: "ines@mail.example".into(),
        ..Default::default()
    };
    let added = test.call(&token, &AddJobSeekerRequest { requisition_id: Some(requisition), profile }).expect("add");
    let before = outbox_count(&test);
    let notices = test.desk.deliver_notices().expect("deliver");
    assert_eq!(notices.len(), 3, "the three demo users have it on, immediately");
    assert!(notices.iter().all(|notice| notice.title == "New applicant: Ines Duarte"));
    assert!(
        notices
            .iter()
            .all(|notice| notice.opens == Some(NoticeTarget { job_seeker_id: added.id, tab: NoticeTab::Profile })),
        "a click on it opens Ines"
    );
    assert_eq!(notices.iter().filter(|notice| notice.show_here).count(), 1, "only Maria is signed in here");
    assert_eq!(outbox_count(&test), before + 3, "each also by email");
    assert!(test.desk.deliver_notices().expect("again").is_empty(), "never twice");
}

#[test]
fn the_daily_summary_comes_at_ten_pm_eastern_and_is_caught_up_after_a_closed_app() {
    let test = TestDesk::new(true);
    let token = ready(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let mut daily = test.call(&token, &NotificationPreferencesRequest::default()).expect("mine");
    daily.applies_delivery = AppliesDelivery::DailySummary;
    test.call(&token, &SaveNotificationPreferencesRequest { organisation_defaults: false, preferences: daily })
        .expect("save");
    test.desk.deliver_notices().expect("flush");

    // The clock starts at 17:00 UTC = 12:00 EST on 23 Nov 2026.
    let mut now = instant("2026-11-23T17:00:00Z");
    let requisition = test.call(&token, &RequisitionChoicesRequest {}).expect("requisitions")[0].id;
    for (first, email) in [("Ana", "ana@mail.example"), ("Bo", "bo@mail.example")] {
        let profile = JobSeekerProfile {
            first_name: first.into(),
            last_name: "Lee".into(),
            email: email.into(),
            ..Default::default()
        };
        test.call(&token, &AddJobSeekerRequest { requisition_id: Some(requisition), profile }).expect("add");
    }
    let immediate = test.desk.deliver_notices().expect("immediate");
    assert!(immediate.iter().all(|notice| notice.user_id != 2), "Maria (user 2) chose the summary");

    set_clock(&test, instant("2026-11-24T02:59:00Z"), &mut now); // 21:59 EST
    assert!(test
        .desk
        .deliver_notices()
        .expect("before ten")
        .iter()
        .all(|notice| !notice.title.contains("new job seekers")));
    // The app was closed at 22:00 and starts again the next morning: the summary is delivered then, once.
    set_clock(&test, instant("2026-11-24T13:00:00Z"), &mut now);
    let summaries: Vec<_> = test
        .desk
        .deliver_notices()
        .expect("catch up")
        .into_iter()
        .filter(|notice| notice.title.contains("new job seekers"))
        .collect();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].title, "2 new job seekers on 11/23/2026");
    assert!(summaries[0].body.contains("Ana Lee") && summaries[0].body.contains("Bo Lee"));
    assert!(test.desk.deliver_notices().expect("again").is_empty());
}

#[test]
fn a_closing_requisition_notifies_at_seven_eastern_on_its_closing_day() {
    let test = TestDesk::new(true);
    let token = ready(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let fields = RequisitionFields {
        title: "Respiratory Therapist".into(),
        closing_date: "2026-11-25".into(),
        is_open: true,
        ..Default::default()
    };
    test.call(&token, &SaveRequisitionRequest { id: None, fields }).expect("requisition");
    // James turns it off; Maria and Dana keep it.
    let james = ready(&test, "james.okafor@northwind.example", demo::RECRUITER_PASSWORD);
    let mut off = test.call(&james, &NotificationPreferencesRequest::default()).expect("his");
    off.requisition_closing = false;
    test.call(&james, &SaveNotificationPreferencesRequest { organisation_defaults: false, preferences: off })
        .expect("save");
    test.desk.deliver_notices().expect("flush");

    let mut now = instant("2026-11-23T17:00:00Z");
    set_clock(&test, instant("2026-11-25T11:59:00Z"), &mut now); // 06:59 EST
    assert!(test
        .desk
        .deliver_notices()
        .expect("early")
        .iter()
        .all(|notice| !notice.title.starts_with("Requisition closing")));
    set_clock(&test, instant("2026-11-25T12:00:00Z") + Duration::seconds(1), &mut now); // 07:00 EST
    let closing: Vec<_> = test
        .desk
        .deliver_notices()
        .expect("seven")
        .into_iter()
        .filter(|notice| notice.title.starts_with("Requisition closing"))
        .collect();
    assert_eq!(closing.len(), 2, "Maria and Dana, not James");
    assert_eq!(closing[0].body, "The requisition Respiratory Therapist closes today, 11/25/2026.");
    assert!(test.desk.deliver_notices().expect("again").is_empty());
}

#[test]
fn a_new_user_hears_of_applications_from_their_creation_on_not_of_the_weeks_before() {
    use hiredesk_core::db::schema::users;
    use hiredesk_wire::{CreateUserRequest, Role};
    let test = TestDesk::new(true);
    let admin = ready(&test, "dana.whitfield@northwind.example", demo::ADMINISTRATOR_PASSWORD);
    test.desk.deliver_notices().expect("flush what the demo raised");
    let requisition = test.call(&admin, &RequisitionChoicesRequest {}).expect("requisitions")[0].id;
    let add = |token: &str, first: &str, email: &str| {
        let profile = JobSeekerProfile {
            first_name: first.into(),
            last_name: "Lee".into(),
            email: email.into(),
            ..Default::default()
        };
        test.call(token, &AddJobSeekerRequest { requisition_id: Some(requisition), profile }).expect("add");
    };
    // Ana applies while the scheduler is not running (the app is closed); a day later Nora's account is created
    // and the scheduler catches up on the week.
    add(&admin, "Ana", "ana@mail.example");
    test.advance(Duration::days(1));
    let admin = test
        .call_public(&SignInRequest {
            email: "dana.whitfield@northwind.example".into(),
            password: "copper lantern meadow fifty".into(),
        })
        .expect("sign in the next day")
        .token;
    let nora = CreateUserRequest {
        email: "nora.quinn@northwind.example".into(),
        first_name: "Nora".into(),
        last_name: "Quinn".into(),
        role: Role::Recruiter,
    };
    test.call(&admin, &nora).expect("create Nora");
    let nora_id: i32 = users::table
        .filter(users::email.eq("nora.quinn@northwind.example"))
        .select(users::id)
        .first(&mut test.raw())
        .expect("Nora's id");
    let caught_up = test.desk.deliver_notices().expect("catch up");
    assert!(
        caught_up.iter().any(|notice| notice.title == "New applicant: Ana Lee" && notice.user_id != nora_id),
        "the users who were there hear of Ana: {caught_up:?}"
    );
    assert!(
        caught_up.iter().all(|notice| notice.user_id != nora_id),
        "Ana applied before Nora's account existed: {caught_up:?}"
    );
    // From her creation on, Nora hears of applications like everyone else.
    test.advance(Duration::minutes(1));
    add(&admin, "Bo", "bo@mail.example");
    let later = test.desk.deliver_notices().expect("deliver");
    assert!(
        later.iter().any(|notice| notice.user_id == nora_id && notice.title == "New applicant: Bo Lee"),
        "Bo applied after: {later:?}"
    );
}

/// Issue 14, rough edge: Settings → Notifications said "Eastern Time" only; a user elsewhere reads the time on
/// their own clock too.
#[test]
fn the_timed_notices_are_said_on_the_users_own_clock_too() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in("maria.alvarez@northwind.example", demo::RECRUITER_PASSWORD);
    let times = test.call(&token, &hiredesk_wire::NoticeTimesRequest {}).expect("times");
    assert_eq!(times.requisition_closing, "7:00 am Eastern Time");
    assert_eq!(times.daily_summary, "10:00 pm Eastern Time");
    let pacific = hiredesk_wire::SavePreferencesRequest {
        time_zone: Some(hiredesk_wire::UsTimeZone::Pacific),
        ..Default::default()
    };
    test.call(&token, &pacific).expect("Pacific");
    let times = test.call(&token, &hiredesk_wire::NoticeTimesRequest {}).expect("times");
    // 23 Nov 2026: standard time on both coasts.
    assert_eq!(times.requisition_closing, "7:00 am Eastern Time, 4:00 am PST where you are");
    assert_eq!(times.daily_summary, "10:00 pm Eastern Time, 7:00 pm PST where you are");
    let eastern_without_saving = hiredesk_wire::SavePreferencesRequest {
        time_zone: Some(hiredesk_wire::UsTimeZone::Eastern),
        observe_daylight_saving: Some(false),
        ..Default::default()
    };
    test.call(&token, &eastern_without_saving).expect("Eastern, no daylight saving");
    // In November Eastern Time is standard time anyway: said once.
    let times = test.call(&token, &hiredesk_wire::NoticeTimesRequest {}).expect("times");
    assert_eq!(times.requisition_closing, "7:00 am Eastern Time");
}

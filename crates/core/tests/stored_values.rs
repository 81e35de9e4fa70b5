//! Values the database holds that this version does not know: each kind of typed column is corrupted with raw SQL
//! behind the core's back (CHECK constraints switched off, as a newer version's own constraints would allow its
//! values), and the core must refuse to read it with `CoreError::UnknownValue`, never fall back to a default.

use crate::common;

use common::TestDesk;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hiredesk_core::db::schema::users;
use hiredesk_core::{demo, CoreError};
use hiredesk_wire::{ErrorKind, HistoryPageRequest, IpcError, JobSeekerFilter, JobSeekerListRequest, SignInRequest};

const RECRUITER: &str = "maria.alvarez@northwind.example";

/// The demo with Maria signed in (her initial password already changed).
fn signed_in() -> (TestDesk, String) {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    (test, token)
}

fn maria(test: &TestDesk) -> i32 {
    users::table.filter(users::email.eq(RECRUITER)).select(users::id).first(&mut test.raw()).expect("Maria")
}

/// Runs SQL on a connection of its own with CHECK constraints off, as a newer version's schema would allow.
fn corrupt(test: &TestDesk, sql: &str) {
    let mut conn = test.raw();
    if test.on_postgres() {
        // PostgreSQL cannot switch CHECKs off for a session: the test's own database drops them all.
        conn.batch_execute(
            "DO $$ DECLARE c record; BEGIN
                 FOR c IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
                          WHERE contype = 'c' AND connamespace = 'public'::regnamespace LOOP
                     EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.t, c.conname);
                 END LOOP;
             END $$;",
        )
        .expect("CHECK constraints dropped");
        conn.batch_execute(sql).expect(sql);
    } else {
        conn.batch_execute(&format!("PRAGMA ignore_check_constraints = ON; {sql}")).expect(sql);
    }
}

/// The error must name what was read and the value it held, and reach the user in those words.
fn assert_unknown<T: std::fmt::Debug>(result: Result<T, CoreError>, what: &str, value: &str) {
    match result {
        Err(CoreError::UnknownValue(unknown)) => {
            assert_eq!((unknown.what, unknown.value.as_str()), (what, value), "{unknown}");
            let shown = IpcError::from(CoreError::UnknownValue(unknown));
            assert_eq!(shown.kind, ErrorKind::Internal);
            assert!(shown.message.contains("does not know"), "{}", shown.message);
            assert!(shown.message.contains(value), "{}", shown.message);
        }
        other => panic!("expected the unknown {what} {value:?}, got {other:?}"),
    }
}

/// The first job seeker of the list and their History request. Corrupt entries are written at 2100-01-01, so the
/// first page shows them.
fn first_job_seeker(test: &TestDesk, token: &str) -> HistoryPageRequest {
    let request = JobSeekerListRequest { filter: JobSeekerFilter::default(), ..Default::default() };
    let id = test.call(token, &request).expect("list").rows[0].id;
    HistoryPageRequest { job_seeker_id: id, kind: None, requisition_id: None, after: None }
}

#[test]
fn a_history_kind_this_version_does_not_know_stops_the_history_tab() {
    let (test, token) = signed_in();
    let request = first_job_seeker(&test, &token);
    test.call(&token, &request).expect("readable before");
    corrupt(
        &test,
        &format!(
            "INSERT INTO history (at, actor_email, job_seeker_id, kind, summary, details)
             VALUES (4102444800000, 'someone@northwind.example', {}, 'offer_teleported',
                     'From a newer version', '{{}}')",
            request.job_seeker_id
        ),
    );
    assert_unknown(test.call(&token, &request), "History kind", "offer_teleported");
}

#[test]
fn history_details_that_are_not_json_stop_the_history_tab_and_its_export() {
    let (test, token) = signed_in();
    let request = first_job_seeker(&test, &token);
    corrupt(
        &test,
        &format!(
            "INSERT INTO history (at, actor_email, job_seeker_id, kind, summary, details)
             VALUES (4102444800000, 'someone@northwind.example', {}, 'profile_edited',
                     'Edited by hand', 'changes: none')",
            request.job_seeker_id
        ),
    );
    assert_unknown(test.call(&token, &request), "History details", "changes: none");
    let export = hiredesk_wire::ExportHistoryRequest { export_id: 7, history: request };
    let path = test.dir.path().join("history.xlsx");
    assert_unknown(test.desk.export_history(&token, &export, &path), "History details", "changes: none");
    assert!(!path.exists(), "no file is kept");
}

#[test]
fn an_unknown_time_zone_is_refused_not_read_as_eastern() {
    let (test, token) = signed_in();
    corrupt(&test, &format!("UPDATE user_preferences SET time_zone = 'Atlantic' WHERE user_id = {}", maria(&test)));
    assert_unknown(test.call(&token, &hiredesk_wire::CurrentUserRequest {}), "time zone", "Atlantic");
}

#[test]
fn an_unknown_role_is_refused_not_read_as_recruiter() {
    let (test, _) = signed_in();
    corrupt(&test, &format!("UPDATE users SET role = 'Owner' WHERE email = '{RECRUITER}'"));
    let sign_in = SignInRequest { email: RECRUITER.into(), password: "copper lantern meadow fifty".into() };
    assert_unknown(test.call_public(&sign_in), "role", "Owner");
}

#[test]
fn a_records_per_page_outside_the_choices_is_refused() {
    let (test, token) = signed_in();
    corrupt(&test, &format!("UPDATE user_preferences SET records_per_page = 15 WHERE user_id = {}", maria(&test)));
    let list = JobSeekerListRequest::default();
    assert_unknown(test.call(&token, &list), "records per page", "15");
}

#[test]
fn a_negative_policy_count_is_refused_not_read_as_no_rule() {
    let test = TestDesk::new(true);
    corrupt(&test, "UPDATE organisation SET lockout_attempts = -1");
    let sign_in = SignInRequest { email: RECRUITER.into(), password: demo::RECRUITER_PASSWORD.into() };
    assert_unknown(test.call_public(&sign_in), "count", "-1");
}

#[test]
fn an_unknown_stage_or_disposition_is_refused_not_read_as_new_or_shown_as_typed() {
    let (test, token) = signed_in();
    let job_seeker = first_job_seeker(&test, &token).job_seeker_id;
    let detail = hiredesk_wire::JobSeekerRequest { id: job_seeker };
    corrupt(&test, &format!("UPDATE applications SET stage = 'Onboarding' WHERE job_seeker_id = {job_seeker}"));
    assert_unknown(test.call(&token, &detail), "application stage", "Onboarding");
    assert_unknown(test.call(&token, &JobSeekerListRequest::default()), "application stage", "Onboarding");
    corrupt(
        &test,
        &format!("UPDATE applications SET stage = 'New', disposition = 'Ghosted' WHERE job_seeker_id = {job_seeker}"),
    );
    assert_unknown(test.call(&token, &detail), "disposition", "Ghosted");
}

#[test]
fn an_unknown_outbox_status_is_refused_not_shown_as_queued() {
    let (test, token) = signed_in();
    let job_seeker_id = first_job_seeker(&test, &token).job_seeker_id;
    corrupt(
        &test,
        &format!(
            "INSERT INTO outbox (to_address, subject, text_body, job_seeker_id, created_at, status, next_attempt_at)
             VALUES ('ana@mail.example', 'Hello', 'Hello', {job_seeker_id}, 1, 'bounced', 1)"
        ),
    );
    let request = hiredesk_wire::CommunicationRequest { job_seeker_id };
    assert_unknown(test.call(&token, &request), "email status", "bounced");
}

#[test]
fn unknown_mail_security_or_an_impossible_port_stops_delivery_instead_of_guessing() {
    let test = TestDesk::new(true);
    corrupt(&test, "UPDATE mail_settings SET host = 'localhost', security = 'ssl3'");
    assert_unknown(test.desk.deliver_mail(), "mail security", "ssl3");
    corrupt(&test, "UPDATE mail_settings SET security = 'none', port = 70000");
    assert_unknown(test.desk.deliver_mail(), "mail server port", "70000");
}

/// A draft offer for the first demo application at stage Offer: (application id, offer id).
fn draft_offer(test: &TestDesk, token: &str) -> (i32, i32) {
    use hiredesk_wire::{JobSeekerRequest, OfferTabRequest, SaveOfferRequest, Stage};
    let request = JobSeekerListRequest {
        filter: JobSeekerFilter { stage: Some(Stage::Offer), ..Default::default() },
        ..Default::default()
    };
    let job_seeker = test.call(token, &request).expect("list").rows[0].id;
    let detail = test.call(token, &JobSeekerRequest { id: job_seeker }).expect("detail");
    let application = detail.applications.iter().find(|a| a.stage == Stage::Offer).expect("at Offer").id;
    let tab = test.call(token, &OfferTabRequest { application_id: application }).expect("tab");
    let save = SaveOfferRequest {
        application_id: application,
        template_id: tab.templates[0].0,
        values: [("salary".to_owned(), "$80,000".to_owned())].into(),
        expires_on: String::new(),
    };
    let offer = test.call(token, &save).expect("save").offer.expect("offer").id;
    (application, offer)
}

#[test]
fn an_unknown_offer_status_is_refused_not_read_as_an_editable_draft() {
    let (test, token) = signed_in();
    let (application_id, offer_id) = draft_offer(&test, &token);
    corrupt(&test, &format!("UPDATE offers SET status = 'on_hold' WHERE id = {offer_id}"));
    let tab = hiredesk_wire::OfferTabRequest { application_id };
    assert_unknown(test.call(&token, &tab), "offer status", "on_hold");
    let send = hiredesk_wire::OfferActionRequest { offer_id, action: hiredesk_wire::OfferAction::Send };
    assert_unknown(test.call(&token, &send), "offer status", "on_hold");
}

#[test]
fn offer_tag_values_that_are_not_a_json_object_of_texts_are_refused_not_read_as_empty() {
    let (test, token) = signed_in();
    let (application_id, offer_id) = draft_offer(&test, &token);
    let tab = hiredesk_wire::OfferTabRequest { application_id };
    let salary = |tab: hiredesk_wire::OfferTab| {
        tab.offer.expect("offer").tags.into_iter().find(|tag| tag.name == "salary").map(|tag| tag.value)
    };
    assert_eq!(salary(test.call(&token, &tab).expect("tab")).as_deref(), Some("$80,000"));
    for bad in [r#"{"salary": 80000}"#, "salary=80000"] {
        corrupt(&test, &format!("UPDATE offers SET tag_values = '{bad}' WHERE id = {offer_id}"));
        assert_unknown(test.call(&token, &tab), "offer tag values", bad);
    }
}

#[test]
fn an_unknown_offer_event_is_refused_in_view_history() {
    let (test, token) = signed_in();
    let (application_id, offer_id) = draft_offer(&test, &token);
    corrupt(&test, &format!("UPDATE offer_events SET action = 'teleported' WHERE offer_id = {offer_id}"));
    assert_unknown(test.call(&token, &hiredesk_wire::OfferTabRequest { application_id }), "offer action", "teleported");
}

#[test]
fn a_stored_date_that_is_not_a_date_is_refused_not_left_out() {
    let (test, token) = signed_in();
    let (application_id, offer_id) = draft_offer(&test, &token);
    corrupt(&test, &format!("UPDATE offers SET expires_on = 'next Friday' WHERE id = {offer_id}"));
    let tab = hiredesk_wire::OfferTabRequest { application_id };
    assert_unknown(test.call(&token, &tab), "calendar date", "next Friday");
    // A closing date the scheduler cannot read stops it, instead of the closing notice being skipped.
    corrupt(&test, "UPDATE requisitions SET closing_date = '31/12/2026' WHERE id = (SELECT MIN(id) FROM requisitions)");
    assert_unknown(test.call(&token, &hiredesk_wire::ListRequisitionsRequest {}), "calendar date", "31/12/2026");
    assert_unknown(test.desk.deliver_notices(), "calendar date", "31/12/2026");
}

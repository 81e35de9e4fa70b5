//! Offers against a real SQLite file and a real SMTP server (SPEC OF-1 to OF-10, CO-1, CO-2): templates,
//! merging and escaping, the state machine as core enforces it, approval order, expiry, and the letter as
//! the SMTP server receives it, parsed by an independent MIME parser.

use crate::common;

use chrono::Duration;
use common::smtp::SmtpServer;
use common::TestDesk;
use hiredesk_core::{demo, CoreError};
use hiredesk_wire::{
    CommunicationRequest, EmailStatus, ErrorKind, JobSeekerFilter, JobSeekerListRequest, JobSeekerRequest, NoticeTab,
    NoticeTarget, OfferAction, OfferActionKind, OfferActionRequest, OfferStatus, OfferTab, OfferTabRequest,
    OfferTagsRequest, OfferTemplatesRequest, PendingApprovalsRequest, SaveMailSettingsRequest, SaveOfferRequest,
    SaveOfferTemplateRequest, SetStageRequest, Stage,
};
use mail_parser::MimeHeaders;
use std::collections::BTreeMap;

const ADMIN: &str = "dana.whitfield@northwind.example";
const MARIA: &str = "maria.alvarez@northwind.example";
const JAMES: &str = "james.okafor@northwind.example";
const XSS: &str = "<img src=x onerror=alert(1)>";

/// Signs in again after the clock moved past the idle timeout.
fn again(test: &TestDesk, email: &str) -> String {
    let request = hiredesk_wire::SignInRequest { email: email.into(), password: "copper lantern meadow fifty".into() };
    test.call_public(&request).expect("sign in").token
}

fn recruiter(test: &TestDesk) -> String {
    test.first_sign_in(MARIA, demo::RECRUITER_PASSWORD)
}

/// (job seeker id, application id, email) of the first demo job seeker at stage Offer.
fn at_offer(test: &TestDesk, token: &str) -> (i32, i32, String) {
    let request = JobSeekerListRequest {
        filter: JobSeekerFilter { stage: Some(Stage::Offer), ..Default::default() },
        ..Default::default()
    };
    let row = test.call(token, &request).expect("list").rows.remove(0);
    let detail = test.call(token, &JobSeekerRequest { id: row.id }).expect("detail");
    let application =
        detail.applications.iter().find(|application| application.stage == Stage::Offer).expect("at Offer").id;
    (row.id, application, row.email)
}

fn template(tab: &OfferTab, name: &str) -> i32 {
    tab.templates.iter().find(|(_, template)| template == name).unwrap_or_else(|| panic!("template {name}")).0
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(tag, value)| ((*tag).to_owned(), (*value).to_owned())).collect()
}

const PART_TIME: [(&str, &str); 5] = [
    ("hourly_rate", "$24.50"),
    ("hours_per_week", "20"),
    ("work_schedule", "Mon, Wed, Fri 8 am – 3 pm"),
    ("start_date", "January 5, 2027"),
    ("response_deadline", "December 4, 2026"),
];

/// A complete draft of the demo's part-time offer, ready to send.
fn part_time_draft(test: &TestDesk, token: &str, application: i32) -> hiredesk_wire::OfferView {
    let tab = test.call(token, &OfferTabRequest { application_id: application }).expect("tab");
    let request = SaveOfferRequest {
        application_id: application,
        template_id: template(&tab, "Hourly Part-Time Offer"),
        values: values(&PART_TIME),
        expires_on: String::new(),
    };
    test.call(token, &request).expect("save").offer.expect("offer")
}

fn act(test: &TestDesk, token: &str, offer_id: i32, action: OfferAction) -> Result<OfferTab, CoreError> {
    test.call(token, &OfferActionRequest { offer_id, action })
}

fn kind(result: Result<OfferTab, CoreError>) -> ErrorKind {
    result.expect_err("refused").kind()
}

fn point_at(test: &TestDesk, server: &SmtpServer) {
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let settings = server.settings();
    test.call(&admin, &SaveMailSettingsRequest(settings)).expect("settings");
}

#[test]
fn an_offer_is_generated_sent_declined_and_made_again_with_every_step_recorded() {
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (job_seeker, application, email) = at_offer(&test, &token);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    assert_eq!(tab.templates.len(), 3, "the demo's three templates");
    assert!(tab.offer.is_none());
    let part_time = template(&tab, "Hourly Part-Time Offer");

    let tags =
        test.call(&token, &OfferTagsRequest { application_id: application, template_id: part_time }).expect("tags");
    let first = tags.iter().find(|tag| tag.name == "job_seeker_first_name").expect("first name");
    assert!(first.filled.is_some() && !first.value.is_empty(), "filled from the database");
    let rate = tags.iter().find(|tag| tag.name == "hourly_rate").expect("rate");
    assert_eq!((rate.filled.as_deref(), rate.value.as_str()), (None, ""), "typed by the recruiter");

    // Saved with a tag still empty: a draft that cannot be sent, and core refuses it too.
    let before = test.history_count();
    let draft = SaveOfferRequest {
        application_id: application,
        template_id: part_time,
        values: values(&PART_TIME[1..]),
        expires_on: String::new(),
    };
    let saved = test.call(&token, &draft).expect("save");
    let offer = saved.offer.expect("generated");
    assert_eq!((offer.status, offer.version), (OfferStatus::Draft, 1));
    assert_eq!(offer.missing, ["Hourly rate"]);
    assert!(offer.preview_html.contains("<mark class=\"missing\">[Hourly rate]</mark>"), "{}", offer.preview_html);
    assert!(offer.preview_html.contains("<mark class=\"merged\">20</mark>"));
    assert!(!offer.actions.contains(&OfferActionKind::Send));
    assert_eq!(kind(act(&test, &token, offer.id, OfferAction::Send)), ErrorKind::Conflict);
    assert_eq!(test.history_count(), before + 1, "generated; the refused send wrote nothing");

    let full = SaveOfferRequest { values: values(&PART_TIME), ..draft };
    let offer = test.call(&token, &full).expect("save").offer.expect("offer");
    assert!(offer.missing.is_empty() && offer.actions.contains(&OfferActionKind::Send));
    assert!(
        offer.tagline.starts_with("Draft 11/23/2026") && offer.tagline.ends_with(&format!("by {MARIA}")),
        "{}",
        offer.tagline
    );
    // Illegal moves from a draft are refused by core.
    for action in [
        OfferAction::Approve,
        OfferAction::RequestApproval,
        OfferAction::Rescind { comment: String::new() },
        OfferAction::SendNewOffer,
        OfferAction::RecordResponse { accepted: true, date: "11/23/2026".into(), comment: String::new() },
    ] {
        assert_eq!(kind(act(&test, &token, offer.id, action.clone())), ErrorKind::Conflict, "{action:?}");
    }

    let server = SmtpServer::start();
    point_at(&test, &server);
    let sent = act(&test, &token, offer.id, OfferAction::Send).expect("send").offer.expect("offer");
    assert_eq!(sent.status, OfferStatus::Sent);
    assert!(!sent.preview_html.contains("<mark"), "a sent offer shows the letter as emailed");
    let emails = test.call(&token, &CommunicationRequest { job_seeker_id: job_seeker }).expect("communication");
    assert_eq!((emails.len(), emails[0].status, emails[0].user.as_str()), (1, EmailStatus::Queued, MARIA));
    assert_eq!(kind(act(&test, &token, offer.id, OfferAction::Send)), ErrorKind::Conflict, "sent once");

    // Everything queued before (the administrator's password notice) and the offer go out.
    test.desk.deliver_mail().expect("deliver");
    let received = server.received();
    let letter = received.iter().find(|message| message.to == [format!("<{email}>")]).expect("the offer arrived");
    let parsed = mail_parser::MessageParser::default().parse(letter.data.as_bytes()).expect("a MIME message");
    assert_eq!(parsed.subject(), Some(sent.subject.as_str()));
    assert!(sent.subject.starts_with("Your part-time offer: "));
    let content_type = parsed.content_type().expect("content type");
    assert_eq!((content_type.ctype(), content_type.subtype()), ("multipart", Some("alternative")));
    let text = parsed.body_text(0).expect("text part");
    let html = parsed.body_html(0).expect("html part");
    for value in ["$24.50", "Mon, Wed, Fri 8 am – 3 pm", "January 5, 2027", first.value.as_str()] {
        assert!(text.contains(value), "{value} in the text: {text}");
        assert!(html.contains(value), "{value} in the html: {html}");
    }
    assert!(text.contains("To accept or decline this offer, reply to this email"), "{text}");
    let emails = test.call(&token, &CommunicationRequest { job_seeker_id: job_seeker }).expect("communication");
    assert_eq!(emails[0].status, EmailStatus::Sent);

    let future = OfferAction::RecordResponse { accepted: false, date: "11/30/2026".into(), comment: String::new() };
    let CoreError::User(error) = act(&test, &token, offer.id, future).expect_err("future") else {
        panic!("a field error")
    };
    assert!(error.field("response_date").is_some());
    let declined = OfferAction::RecordResponse {
        accepted: false,
        date: "11/23/2026".into(),
        comment: "Accepted another offer".into(),
    };
    let tab = act(&test, &token, offer.id, declined).expect("declined");
    let offer = tab.offer.expect("offer");
    assert_eq!(offer.status, OfferStatus::Declined);
    assert_eq!(offer.actions, [OfferActionKind::SendNewOffer]);

    let again = act(&test, &token, offer.id, OfferAction::SendNewOffer).expect("new version");
    let second = again.offer.expect("offer");
    assert_eq!((second.version, second.status), (2, OfferStatus::Draft));
    let rate = second.tags.iter().find(|tag| tag.name == "hourly_rate").expect("rate");
    assert_eq!(rate.value, "$24.50", "starts from the previous values");
    let events: Vec<(i32, &str, &str)> =
        again.events.iter().map(|event| (event.version, event.action.as_str(), event.user.as_str())).collect();
    assert_eq!(
        events,
        [
            (1, "Generated", MARIA),
            (1, "Edited", MARIA),
            (1, "Sent", MARIA),
            (1, "Declined", MARIA),
            (2, "Generated", MARIA)
        ]
    );
    assert_eq!(again.events[3].comment, "Response on 11/23/2026: Accepted another offer");
}

#[test]
fn values_are_escaped_in_the_preview_the_email_and_communication() {
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (job_seeker, application, _) = at_offer(&test, &token);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    let mut typed = values(&PART_TIME);
    typed.insert("job_seeker_first_name".into(), XSS.into());
    typed.insert("work_schedule".into(), "\"><script>alert(1)</script>{{ hourly_rate }}{% if x %}".into());
    let request = SaveOfferRequest {
        application_id: application,
        template_id: template(&tab, "Hourly Part-Time Offer"),
        values: typed,
        expires_on: String::new(),
    };
    let offer = test.call(&token, &request).expect("save").offer.expect("offer");
    let first = offer.tags.iter().find(|tag| tag.name == "job_seeker_first_name").expect("first name");
    assert!(first.overridden(), "a filled tag changed by the recruiter is flagged");
    let html = &offer.preview_html;
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;") && !html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script"), "{html}");
    assert!(html.contains("{{ hourly_rate }}{% if x %}"), "tags in values are not evaluated: {html}");
    act(&test, &token, offer.id, OfferAction::Send).expect("send");
    use diesel::prelude::*;
    use hiredesk_core::db::schema::outbox;
    let (html, text): (Option<String>, String) = outbox::table
        .filter(outbox::job_seeker_id.eq(job_seeker))
        .select((outbox::html_body, outbox::text_body))
        .first(&mut test.raw())
        .expect("queued");
    let html = html.expect("html");
    assert!(!html.contains("<img") && !html.contains("<script"), "{html}");
    assert!(text.contains(XSS), "the text part carries the value as typed");
    let emails = test.call(&token, &CommunicationRequest { job_seeker_id: job_seeker }).expect("communication");
    assert!(emails[0].text.contains(XSS), "the Communication tab has it as text, for the UI to show as text");
}

#[test]
fn approval_goes_step_by_step_in_order_and_notifies_each_approver() {
    let test = TestDesk::new(true);
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let james = test.first_sign_in(JAMES, demo::RECRUITER_PASSWORD);
    let maria = recruiter(&test);
    let page = test.call(&admin, &OfferTemplatesRequest {}).expect("templates");
    let id_of = |email: &str| page.users.iter().find(|(_, label)| label.contains(email)).expect("user").0;
    let full_time = page.templates.iter().find(|template| template.name == "Full-Time Offer").expect("full-time");
    assert_eq!(full_time.approver_ids, [id_of(ADMIN)], "the demo's full-time template needs the administrator");
    let save = SaveOfferTemplateRequest {
        id: Some(full_time.id),
        name: full_time.name.clone(),
        subject: full_time.subject.clone(),
        body: full_time.body.clone(),
        active: true,
        approver_ids: vec![id_of(JAMES), id_of(ADMIN)],
    };
    test.call(&admin, &save).expect("two approvers");

    let (job_seeker, application, _) = at_offer(&test, &maria);
    let tab = test.call(&maria, &OfferTabRequest { application_id: application }).expect("tab");
    let typed =
        values(&[("salary", "$82,000"), ("start_date", "January 4, 2027"), ("response_deadline", "December 4, 2026")]);
    let request = SaveOfferRequest {
        application_id: application,
        template_id: template(&tab, "Full-Time Offer"),
        values: typed,
        expires_on: String::new(),
    };
    let offer = test.call(&maria, &request).expect("save").offer.expect("offer");
    assert_eq!(
        offer.actions,
        [OfferActionKind::RequestApproval],
        "no sending before approval; missing {:?}",
        offer.missing
    );
    assert_eq!(kind(act(&test, &maria, offer.id, OfferAction::Send)), ErrorKind::Conflict);

    let pending = act(&test, &maria, offer.id, OfferAction::RequestApproval).expect("request").offer.expect("offer");
    assert_eq!(pending.status, OfferStatus::PendingApproval);
    assert_eq!(pending.approvals.iter().map(|step| step.approver.as_str()).collect::<Vec<_>>(), [JAMES, ADMIN]);
    let notices = test.desk.deliver_notices().expect("notices");
    let james_id = id_of(JAMES);
    let to_james = notices
        .iter()
        .find(|notice| notice.user_id == james_id && notice.title.starts_with("Offer awaiting your approval"));
    let opens = to_james.unwrap_or_else(|| panic!("James is asked: {notices:?}")).opens;
    assert_eq!(
        opens,
        Some(NoticeTarget { job_seeker_id: job_seeker, tab: NoticeTab::Offers }),
        "a click opens the offer"
    );
    let for_approval = |notices: &[hiredesk_core::notices::Notice], user_id: i32| {
        notices
            .iter()
            .filter(|notice| notice.user_id == user_id && notice.title.starts_with("Offer awaiting your approval"))
            .count()
    };
    assert_eq!(for_approval(&notices, id_of(ADMIN)), 0, "not yet the second approver's turn");
    let waiting_on = |token: &str| -> Vec<(i32, i32, i32)> {
        let pending = test.call(token, &PendingApprovalsRequest {}).expect("pending approvals");
        pending.iter().map(|waiting| (waiting.offer_id, waiting.step, waiting.steps)).collect()
    };
    assert_eq!(waiting_on(&james), [(offer.id, 1, 2)], "on James's Home");
    let on_home = &test.call(&james, &PendingApprovalsRequest {}).expect("pending")[0];
    assert_eq!((on_home.job_seeker_id, on_home.requested_by.as_str()), (job_seeker, MARIA));
    assert!(waiting_on(&admin).is_empty() && waiting_on(&maria).is_empty());
    // Moved off stage Offer, nothing can be approved; back at Offer, it waits again.
    let stage = |stage: Stage| SetStageRequest { application_id: application, stage, disposition: None };
    test.call(&maria, &stage(Stage::Interview)).expect("back to Interview");
    assert!(waiting_on(&james).is_empty(), "not while the application is at Interview");
    test.call(&maria, &stage(Stage::Offer)).expect("Offer again");
    assert_eq!(waiting_on(&james), [(offer.id, 1, 2)]);
    assert_eq!(for_approval(&test.desk.deliver_notices().expect("again"), james_id), 0, "each step is notified once");

    assert_eq!(kind(act(&test, &admin, offer.id, OfferAction::Approve)), ErrorKind::Forbidden, "step 1 is James's");
    assert_eq!(kind(act(&test, &maria, offer.id, OfferAction::Approve)), ErrorKind::Forbidden);
    let after_james = act(&test, &james, offer.id, OfferAction::Approve).expect("step 1").offer.expect("offer");
    assert_eq!(after_james.status, OfferStatus::PendingApproval);
    assert!(after_james.approvals[0].approved.is_some() && after_james.approvals[1].approved.is_none());
    let notices = test.desk.deliver_notices().expect("notices");
    assert_eq!(for_approval(&notices, id_of(ADMIN)), 1, "now the second approver: {notices:?}");
    assert!(waiting_on(&james).is_empty());
    assert_eq!(waiting_on(&admin), [(offer.id, 2, 2)]);
    assert_eq!(kind(act(&test, &james, offer.id, OfferAction::Approve)), ErrorKind::Forbidden, "not twice");
    let approved = act(&test, &admin, offer.id, OfferAction::Approve).expect("step 2").offer.expect("offer");
    assert_eq!(approved.status, OfferStatus::Approved);
    assert!(waiting_on(&admin).is_empty(), "approved: off every Home");
    let notices = test.desk.deliver_notices().expect("notices");
    assert!(
        notices.iter().any(|notice| notice.user_id == id_of(MARIA) && notice.title.starts_with("Offer approved")),
        "{notices:?}"
    );
    // Approved letters cannot be changed any more.
    assert_eq!(test.call(&maria, &request).expect_err("frozen").kind(), ErrorKind::Conflict);
    let sent = act(&test, &maria, offer.id, OfferAction::Send).expect("send").offer.expect("offer");
    assert_eq!(sent.status, OfferStatus::Sent);
}

#[test]
fn a_sent_offer_expires_after_its_day_unless_answered() {
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (_, application, _) = at_offer(&test, &token);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    let template_id = template(&tab, "Hourly Part-Time Offer");
    let past = SaveOfferRequest {
        application_id: application,
        template_id,
        values: values(&PART_TIME),
        expires_on: "11/22/2026".into(),
    };
    let CoreError::User(error) = test.call(&token, &past).expect_err("past") else { panic!("a field error") };
    assert!(error.field("expires_on").is_some());
    let request = SaveOfferRequest { expires_on: "11/24/2026".into(), ..past };
    let offer = test.call(&token, &request).expect("save").offer.expect("offer");
    assert_eq!(offer.expires_on, "11/24/2026");
    act(&test, &token, offer.id, OfferAction::Send).expect("send");

    test.advance(Duration::days(1));
    test.desk.deliver_notices().expect("scheduler");
    let token = again(&test, MARIA);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    assert_eq!(tab.offer.expect("offer").status, OfferStatus::Sent, "still open on its last day");
    test.advance(Duration::days(1));
    let token = again(&test, MARIA);
    let before = test.history_count();
    test.desk.deliver_notices().expect("scheduler");
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    let offer = tab.offer.expect("offer");
    assert_eq!(offer.status, OfferStatus::Expired);
    assert!(offer.tagline.ends_with("by system"), "{}", offer.tagline);
    assert_eq!(
        tab.events.last().map(|event| (event.action.as_str(), event.user.as_str())),
        Some(("Expired", "system"))
    );
    assert_eq!(test.history_count(), before + 1);
    let late = OfferAction::RecordResponse { accepted: true, date: "11/25/2026".into(), comment: String::new() };
    assert_eq!(kind(act(&test, &token, offer.id, late)), ErrorKind::Conflict, "too late to answer");
}

/// The response date starts at today in the user's time zone, and core judges "the future" by the same day,
/// even when the computer's clock is already on the next day in UTC.
#[test]
fn the_response_date_is_today_in_the_users_zone() {
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (_, application, _) = at_offer(&test, &token);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    assert_eq!(tab.today, "11/23/2026");
    let request = SaveOfferRequest {
        application_id: application,
        template_id: template(&tab, "Hourly Part-Time Offer"),
        values: values(&PART_TIME),
        expires_on: String::new(),
    };
    let offer = test.call(&token, &request).expect("save").offer.expect("offer");
    act(&test, &token, offer.id, OfferAction::Send).expect("send");

    // 02:00 UTC on the 24th is 9 pm Eastern on the 23rd.
    test.advance(Duration::hours(9));
    let token = again(&test, MARIA);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    assert_eq!(tab.today, "11/23/2026", "still the 23rd in Eastern Time");
    let tomorrow = OfferAction::RecordResponse { accepted: true, date: "11/24/2026".into(), comment: String::new() };
    let CoreError::User(error) = act(&test, &token, offer.id, tomorrow).expect_err("future") else {
        panic!("a field error")
    };
    assert!(error.field("response_date").is_some());
    let today = OfferAction::RecordResponse { accepted: true, date: tab.today, comment: String::new() };
    assert_eq!(
        act(&test, &token, offer.id, today).expect("accepted").offer.expect("offer").status,
        OfferStatus::Accepted
    );
}

/// Issue 14, rough edge: the date tags (start date, end date, respond by) were free text.
#[test]
fn the_date_tags_are_checked_as_dates() {
    let test = TestDesk::new(true);
    let maria = recruiter(&test);
    let (_, application, _) = at_offer(&test, &maria);
    let tab = test.call(&maria, &OfferTabRequest { application_id: application }).expect("tab");
    let save = |start: &str| SaveOfferRequest {
        application_id: application,
        template_id: template(&tab, "Full-Time Offer"),
        values: values(&[("salary", "$82,000"), ("start_date", start), ("response_deadline", "12/04/2026")]),
        expires_on: String::new(),
    };
    for (typed, message) in [
        ("next Monday", "Start date: \"next Monday\" is not a date. Write it like 01/05/2027 or January 5, 2027."),
        ("02/30/2027", "Start date: \"02/30/2027\" is not a date. Write it like 01/05/2027 or January 5, 2027."),
    ] {
        let before = test.history_count();
        let Err(CoreError::User(error)) = test.call(&maria, &save(typed)) else { panic!("{typed} is refused") };
        assert_eq!((error.kind, error.message.as_str()), (ErrorKind::Validation, message));
        assert_eq!(test.history_count(), before, "nothing written");
    }
    for typed in ["01/05/2027", "January 5, 2027", "Jan 5, 2027", "2027-01-05"] {
        test.call(&maria, &save(typed)).unwrap_or_else(|error| panic!("{typed}: {error:?}"));
    }
}

#[test]
fn offers_are_made_only_at_stage_offer() {
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (job_seeker, application, _) = at_offer(&test, &token);
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    let request = SaveOfferRequest {
        application_id: application,
        template_id: template(&tab, "Internship Offer"),
        values: BTreeMap::new(),
        expires_on: String::new(),
    };
    test.call(&token, &request).expect("a draft");
    let stage = SetStageRequest { application_id: application, stage: Stage::Interview, disposition: None };
    test.call(&token, &stage).expect("back to Interview");
    assert_eq!(
        test.call(&token, &OfferTabRequest { application_id: application }).expect_err("no tab").kind(),
        ErrorKind::Conflict
    );
    assert_eq!(test.call(&token, &request).expect_err("no offer").kind(), ErrorKind::Conflict);
    let _ = job_seeker;
}

#[test]
fn templates_are_for_administrators_and_refused_with_the_line_and_tag() {
    let test = TestDesk::new(true);
    let maria = recruiter(&test);
    assert_eq!(test.call(&maria, &OfferTemplatesRequest {}).expect_err("recruiter").kind(), ErrorKind::Forbidden);
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let mut request = SaveOfferTemplateRequest {
        id: None,
        name: "Per Diem Offer".into(),
        subject: "Per diem: {{ requisition_title }}".into(),
        body: "Dear {{ job_seeker_first_name }},\n\nYour rate is {{ hourly_rte }}.".into(),
        active: true,
        approver_ids: Vec::new(),
    };
    assert_eq!(test.call(&maria, &request).expect_err("recruiter").kind(), ErrorKind::Forbidden);
    let before = test.history_count();
    let CoreError::User(error) = test.call(&admin, &request).expect_err("unknown tag") else { panic!("a field error") };
    assert_eq!(
        error.field("body"),
        Some("Line 3: {{ hourly_rte }} uses the unknown tag \"hourly_rte\". Pick a tag from the list.")
    );
    request.body = "Dear {{ job_seeker_first_name }},\n{% if hourly_rate %}\nYour rate is {{ hourly_rate }}.".into();
    let CoreError::User(error) = test.call(&admin, &request).expect_err("no endif") else { panic!("a field error") };
    assert!(error.field("body").is_some_and(|message| message.starts_with("Line ")), "{error:?}");
    request.name = "full-time offer".into();
    request.body = "Dear {{ job_seeker_first_name }}, your rate is {{ hourly_rate }}.".into();
    let CoreError::User(error) = test.call(&admin, &request).expect_err("same name") else { panic!("a field error") };
    assert!(error.field("name").is_some());
    assert_eq!(test.history_count(), before, "refusals write nothing");
    request.name = "Per Diem Offer".into();
    let page = test.call(&admin, &request).expect("saved");
    assert_eq!(page.templates.len(), 4);
    assert!(page.catalogue.iter().any(|tag| tag.name == "hourly_rate" && tag.source.is_none()));
    assert!(page.catalogue.iter().any(|tag| tag.name == "job_seeker_address" && tag.source.is_some()));
    assert_eq!(test.history_count(), before + 1);
}

#[test]
fn a_failed_email_can_be_queued_again_from_the_communication_tab() {
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (job_seeker, application, _) = at_offer(&test, &token);
    let offer = part_time_draft(&test, &token, application);
    act(&test, &token, offer.id, OfferAction::Send).expect("send");
    let email = test.call(&token, &CommunicationRequest { job_seeker_id: job_seeker }).expect("list").remove(0);
    let resend = hiredesk_wire::ResendEmailRequest { id: email.id };
    assert_eq!(test.call(&token, &resend).expect_err("queued").kind(), ErrorKind::Conflict, "only a failed one");
    // The server refused it for good (as a 5xx answer would): the row is failed with its reason.
    {
        use diesel::prelude::*;
        use hiredesk_core::db::schema::outbox;
        diesel::update(outbox::table.find(email.id))
            .set((outbox::status.eq("failed"), outbox::last_error.eq(Some("550 mailbox unavailable"))))
            .execute(&mut test.raw())
            .expect("fail it");
    }
    let failed = test.call(&token, &CommunicationRequest { job_seeker_id: job_seeker }).expect("list").remove(0);
    assert_eq!((failed.status, failed.last_error.as_deref()), (EmailStatus::Failed, Some("550 mailbox unavailable")));
    let before = test.history_count();
    let again = test.call(&token, &resend).expect("resend").remove(0);
    assert_eq!((again.status, again.last_error), (EmailStatus::Queued, None));
    assert_eq!(test.history_count(), before + 1, "the resend is in History");
    let server = SmtpServer::start();
    point_at(&test, &server);
    test.desk.deliver_mail().expect("deliver");
    assert_eq!(server.received().iter().filter(|message| message.data.contains("Your part-time offer")).count(), 1);
}

/// Eight people press [Send] on one draft at the same moment (a team's desks on one database): one send counts,
/// the other seven are refused and leave nothing behind — one letter in the outbox, one "sent" in History.
#[test]
fn one_offer_sent_from_many_desks_at_once_is_sent_once() {
    use diesel::prelude::*;
    use hiredesk_core::db::schema::{history, outbox};
    let test = TestDesk::new(true);
    let token = recruiter(&test);
    let (job_seeker, application, _) = at_offer(&test, &token);
    let offer = part_time_draft(&test, &token, application);
    let answers: Vec<Result<OfferTab, CoreError>> = std::thread::scope(|scope| {
        let desks: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    test.desk.call(&token, &OfferActionRequest { offer_id: offer.id, action: OfferAction::Send })
                })
            })
            .collect();
        desks.into_iter().map(|desk| desk.join().expect("desk")).collect()
    });
    let sent = answers.iter().filter(|answer| answer.is_ok()).count();
    let refused: Vec<_> = answers.iter().filter_map(|answer| answer.as_ref().err()).collect();
    assert_eq!(sent, 1, "{refused:?}");
    assert!(refused.iter().all(|error| error.kind() == ErrorKind::Conflict), "{refused:?}");
    let mut raw = test.raw();
    let letters: i64 = outbox::table
        .filter(outbox::job_seeker_id.eq(job_seeker))
        .count()
        .get_result(&mut raw)
        .expect("count the outbox");
    assert_eq!(letters, 1, "one letter queued");
    let recorded: i64 =
        history::table.filter(history::kind.eq("offer_sent")).count().get_result(&mut raw).expect("count History");
    assert_eq!(recorded, 1, "one send in History");
}

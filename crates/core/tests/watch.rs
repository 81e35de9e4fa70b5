//! The watch of a team's desktop (`Hiredesk::watch`), on a real database (SQLite, or PostgreSQL in the
//! PostgreSQL pass): an approval notice reaches only the approver, every user hears that something changed, a zero
//! cursor does not bring the past, and watching is not activity.

use crate::common;

use common::TestDesk;
use diesel::prelude::*;
use hiredesk_core::db::schema::sessions;
use hiredesk_core::demo;
use hiredesk_wire::{
    ErrorKind, JobSeekerFilter, JobSeekerListRequest, JobSeekerRequest, NoticeTab, NoticeTarget, OfferAction,
    OfferActionRequest, OfferTabRequest, SaveOfferRequest, Stage, WatchCursor,
};

const ADMIN: &str = "dana.whitfield@northwind.example";
const MARIA: &str = "maria.alvarez@northwind.example";

/// Maria asks for the approval of a full-time offer (the demo's template needs the administrator's); returns the
/// job seeker it is for.
fn request_approval(test: &TestDesk, maria: &str) -> i32 {
    let request = JobSeekerListRequest {
        filter: JobSeekerFilter { stage: Some(Stage::Offer), ..Default::default() },
        ..Default::default()
    };
    let job_seeker = test.call(maria, &request).expect("list").rows.remove(0).id;
    let detail = test.call(maria, &JobSeekerRequest { id: job_seeker }).expect("detail");
    let application = detail.applications.iter().find(|application| application.stage == Stage::Offer).expect("Offer");
    let tab = test.call(maria, &OfferTabRequest { application_id: application.id }).expect("tab");
    let template = tab.templates.iter().find(|(_, name)| name == "Full-Time Offer").expect("full-time").0;
    let values = [("salary", "$82,000"), ("start_date", "January 4, 2027"), ("response_deadline", "December 4, 2026")]
        .into_iter()
        .map(|(tag, value)| (tag.to_owned(), value.to_owned()))
        .collect();
    let save =
        SaveOfferRequest { application_id: application.id, template_id: template, values, expires_on: "".into() };
    let offer = test.call(maria, &save).expect("save").offer.expect("offer");
    test.call(maria, &OfferActionRequest { offer_id: offer.id, action: OfferAction::RequestApproval }).expect("ask");
    job_seeker
}

fn last_seen(test: &TestDesk) -> Vec<i64> {
    sessions::table.order(sessions::id).select(sessions::last_seen_at).load(&mut test.raw()).expect("sessions")
}

#[test]
fn an_approval_notice_reaches_the_approver_and_everyone_hears_of_the_change() {
    let test = TestDesk::new(true);
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let maria = test.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);

    // A desktop that starts gets the current cursor and nothing of the past.
    let start = test.desk.watch(&admin, WatchCursor::default()).expect("first watch");
    assert!(start.notices.is_empty() && !start.changed, "the past is not news: {start:?}");
    assert!(start.cursor.change > 0, "the demo and the sign-ins wrote History: {start:?}");
    let maria_start = test.desk.watch(&maria, WatchCursor::default()).expect("Maria's first watch");
    assert_eq!(maria_start.cursor, start.cursor, "one cursor for the whole team");
    let quiet = test.desk.watch(&admin, start.cursor).expect("nothing new");
    assert!(quiet.notices.is_empty() && !quiet.changed && quiet.cursor == start.cursor, "{quiet:?}");

    let job_seeker = request_approval(&test, &maria);
    let delivered = test.desk.deliver_notices().expect("the scheduler's round");
    assert!(!delivered.is_empty(), "the approval step is due at once");

    let before = last_seen(&test);
    let to_admin = test.desk.watch(&admin, start.cursor).expect("the approver's watch");
    assert_eq!(last_seen(&test), before, "watching does not keep a session alive");
    assert!(to_admin.changed, "the offer changed: {to_admin:?}");
    let asked: Vec<_> =
        to_admin.notices.iter().filter(|notice| notice.title.starts_with("Offer awaiting your approval")).collect();
    assert_eq!(asked.len(), 1, "the approver is asked once: {to_admin:?}");
    assert_eq!(asked[0].opens, Some(NoticeTarget { job_seeker_id: job_seeker, tab: NoticeTab::Offers }));
    assert!(to_admin.cursor.notice >= asked[0].id && to_admin.cursor.change > start.cursor.change);

    let to_maria = test.desk.watch(&maria, maria_start.cursor).expect("the recruiter's watch");
    assert!(to_maria.changed, "Maria hears that something changed");
    assert!(to_maria.notices.is_empty(), "the approver's notice is not Maria's: {to_maria:?}");

    let again = test.desk.watch(&admin, to_admin.cursor).expect("from the new cursor");
    assert!(again.notices.is_empty() && !again.changed, "each notice is brought once: {again:?}");
    test.desk.deliver_notices().expect("another round");
    let after_round = test.desk.watch(&admin, to_admin.cursor).expect("after another round");
    assert!(after_round.notices.is_empty(), "a notice delivered once is recorded once: {after_round:?}");
}

#[test]
fn a_forged_or_ended_session_cannot_watch() {
    let test = TestDesk::new(true);
    let forged = test.desk.watch("not-a-token", WatchCursor::default()).expect_err("forged");
    assert_eq!(forged.kind(), ErrorKind::SessionExpired);
    let maria = test.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);
    test.call(&maria, &hiredesk_wire::SignOutRequest {}).expect("sign out");
    let ended = test.desk.watch(&maria, WatchCursor::default()).expect_err("signed out");
    assert_eq!(ended.kind(), ErrorKind::SessionExpired);
}

#[derive(diesel::QueryableByName)]
struct Waiting {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    waiting: i64,
}

#[test]
fn on_postgres_team_notices_are_recorded_one_transaction_at_a_time() {
    use diesel::connection::SimpleConnection;
    use hiredesk_core::db::schema::team_notices;
    let test = TestDesk::new(true);
    if !test.on_postgres() {
        // A solo file has one writer at a time: ids are committed in order there anyway.
        return;
    }
    test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let maria = test.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);
    request_approval(&test, &maria);
    let count = || -> i64 { team_notices::table.count().get_result(&mut test.raw()).expect("count") };
    let before = count();
    // Another scheduler (another server) in the middle of recording a notice: it holds the order's lock.
    let mut other = test.raw();
    other.batch_execute("BEGIN; SELECT pg_advisory_xact_lock(1212437582)").expect("the lock ('HDTN')");
    std::thread::scope(|scope| {
        let delivering = scope.spawn(|| test.desk.deliver_notices().expect("the scheduler's round"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let found: Waiting = diesel::sql_query(
                "SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted \
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            )
            .get_result(&mut other)
            .expect("pg_locks");
            if found.waiting > 0 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the round never waited for the other transaction");
            std::thread::yield_now();
        }
        assert_eq!(count(), before, "nothing is recorded before the other transaction ends");
        other.batch_execute("COMMIT").expect("the other transaction ends");
        let delivered = delivering.join().expect("the round");
        assert!(!delivered.is_empty(), "the approval notice is delivered");
    });
    assert!(count() > before, "and recorded once the order is its turn");
}

//! Notes written on a team desktop while the server could not be reached, and replayed when it answers again
//! (issue 13): a client key saves a note once however often it is replayed, and a written-at time puts the note
//! and its History line at the time it was written, as its author, but never in the future nor before the
//! session that replays it began. On SQLite, and on PostgreSQL when `HIREDESK_TEST_POSTGRES` names a server.

use crate::common;

use chrono::Duration;
use common::TestDesk;
use diesel::prelude::*;
use hiredesk_core::db::schema::history;
use hiredesk_core::{demo, time, CoreError};
use hiredesk_wire::{ErrorKind, JobSeekerListRequest, JobSeekerRequest, NotesRequest, SaveNoteRequest};

const RECRUITER: &str = "maria.alvarez@northwind.example";
const OTHER_RECRUITER: &str = "james.okafor@northwind.example";

/// A demo job seeker's first application.
fn someone(test: &TestDesk, token: &str) -> (i32, i32) {
    let id = test.call(token, &JobSeekerListRequest::default()).expect("list").rows[0].id;
    let application = test.call(token, &JobSeekerRequest { id }).expect("detail").applications[0].id;
    (id, application)
}

fn offline(application_id: i32, text: &str, key: &str, written_at: i64) -> SaveNoteRequest {
    SaveNoteRequest {
        id: None,
        application_id,
        text: text.into(),
        is_task: false,
        due_date: String::new(),
        client_key: Some(key.into()),
        written_at: Some(written_at),
    }
}

/// The newest History lines of a job seeker: (at, actor's email, summary), newest first.
fn history_of(test: &TestDesk, job_seeker: i32) -> Vec<(i64, String, String)> {
    history::table
        .filter(history::job_seeker_id.eq(job_seeker))
        .order(history::id.desc())
        .select((history::at, history::actor_email, history::summary))
        .load(&mut test.raw())
        .expect("history")
}

fn field_refusal(error: CoreError, field: &str) -> String {
    let CoreError::User(error) = error else { panic!("a refusal, not {error:?}") };
    error.field(field).unwrap_or_else(|| panic!("a message for {field}: {error:?}")).to_owned()
}

#[test]
fn a_replayed_key_saves_the_note_once_and_answers_it_again() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let (job_seeker, application) = someone(&test, &token);
    let written = time::to_millis(test.now());
    test.advance(Duration::minutes(3));
    let before = test.history_count();
    let request = offline(application, "Called back from the train", "4b0c-1", written);
    let first = test.call(&token, &request).expect("saved");
    // The answer was lost, say: the desktop sends it again, and again.
    let again = test.call(&token, &request).expect("answered again");
    let third = test.call(&token, &SaveNoteRequest { text: "changed meanwhile".into(), ..request }).expect("third");
    assert_eq!((again.id, third.id), (first.id, first.id));
    assert_eq!(third.text, "Called back from the train", "the saved note, not a new one");
    assert_eq!(test.history_count(), before + 1, "one History line for one note");
    let notes = test.call(&token, &NotesRequest { job_seeker_id: job_seeker, application_id: None }).expect("notes");
    assert_eq!(notes.iter().filter(|note| note.text == "Called back from the train").count(), 1);
}

#[test]
fn the_note_and_its_history_line_carry_the_time_it_was_written_as_its_author() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let (job_seeker, application) = someone(&test, &token);
    let first = time::to_millis(test.now());
    test.advance(Duration::minutes(5));
    let second = time::to_millis(test.now());
    test.advance(Duration::minutes(4));
    test.call(&token, &offline(application, "First, while offline", "key-1", first)).expect("first");
    test.call(&token, &offline(application, "Second, while offline", "key-2", second)).expect("second");
    let lines = history_of(&test, job_seeker);
    assert_eq!(
        lines[..2],
        [
            (second, RECRUITER.to_owned(), "Note added: Second, while offline".to_owned()),
            (first, RECRUITER.to_owned(), "Note added: First, while offline".to_owned()),
        ]
    );
    // Saved online meanwhile: the time of saving, as before.
    let online = SaveNoteRequest { client_key: None, written_at: None, ..offline(application, "Online", "x", 0) };
    test.call(&token, &online).expect("online");
    assert_eq!(history_of(&test, job_seeker)[0].0, time::to_millis(test.now()));
}

#[test]
fn a_written_at_time_is_neither_in_the_future_nor_before_the_session_began() {
    let test = TestDesk::new(true);
    test.advance(Duration::minutes(1));
    let before_session = time::to_millis(test.now());
    test.advance(Duration::minutes(1));
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let (_, application) = someone(&test, &token);
    let history = test.history_count();

    let future = time::to_millis(test.now() + Duration::minutes(10));
    let refused = test.call(&token, &offline(application, "From the future", "f-1", future)).expect_err("future");
    assert!(field_refusal(refused, "written_at").contains("in the future"));
    let refused = test.call(&token, &offline(application, "Forged", "p-1", before_session)).expect_err("the past");
    assert!(field_refusal(refused, "written_at").contains("before you signed in"));
    assert_eq!(test.history_count(), history, "a refused note writes nothing");

    // A desktop clock a little ahead is taken as now.
    let ahead = time::to_millis(test.now() + Duration::seconds(30));
    test.call(&token, &offline(application, "Slightly ahead", "a-1", ahead)).expect("within the allowance");
    assert_eq!(test.history_count(), history + 1);
}

#[test]
fn a_key_is_the_authors_own_for_a_new_note_only() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let other = test.first_sign_in(OTHER_RECRUITER, demo::RECRUITER_PASSWORD);
    let (_, application) = someone(&test, &token);
    let now = time::to_millis(test.now());
    let saved = test.call(&token, &offline(application, "Mine", "shared-key", now)).expect("saved");

    let CoreError::User(error) =
        test.call(&other, &offline(application, "Theirs", "shared-key", now)).expect_err("another author's key")
    else {
        panic!("a refusal")
    };
    assert_eq!(error.kind, ErrorKind::Conflict);
    let edit = SaveNoteRequest { id: Some(saved.id), ..offline(application, "Edited", "new-key", now) };
    assert!(field_refusal(test.call(&token, &edit).expect_err("an edit"), "client_key").contains("new note"));
    for bad in ["", "has spaces", &"k".repeat(65)] {
        let refused = test.call(&token, &offline(application, "Bad key", bad, now)).expect_err("a bad key");
        field_refusal(refused, "client_key");
    }
}

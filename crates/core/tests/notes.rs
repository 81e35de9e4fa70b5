//! Notes, tasks, the To-Do list and task reminders against a real SQLite file (SPEC NT-1 to NT-6).

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::TestDesk;
use hiredesk_core::{demo, CoreError};
use hiredesk_wire::{
    ChangePasswordRequest, DeleteNoteRequest, JobSeekerListRequest, JobSeekerRequest, NotesRequest, NoticeTab,
    NoticeTarget, SaveNoteRequest, SetTaskCompletedRequest, SignInRequest, TakeDraftRequest, TodoRequest,
};

const RECRUITER: &str = "maria.alvarez@northwind.example";

fn ready(test: &TestDesk) -> String {
    let token = test
        .call_public(&SignInRequest { email: RECRUITER.into(), password: demo::RECRUITER_PASSWORD.into() })
        .expect("sign in")
        .token;
    let new = "copper lantern meadow fifty";
    let change = ChangePasswordRequest {
        old_password: demo::RECRUITER_PASSWORD.into(),
        new_password: new.into(),
        confirm_password: new.into(),
    };
    test.call(&token, &change).expect("change");
    token
}

fn note(application_id: i32, text: &str, due: Option<&str>) -> SaveNoteRequest {
    SaveNoteRequest {
        id: None,
        application_id,
        text: text.into(),
        is_task: due.is_some(),
        due_date: due.unwrap_or_default().into(),
        client_key: None,
        written_at: None,
    }
}

/// A demo job seeker and their application.
fn someone(test: &TestDesk, token: &str) -> (i32, i32) {
    let id = test.call(token, &JobSeekerListRequest::default()).expect("list").rows[0].id;
    let application = test.call(token, &JobSeekerRequest { id }).expect("detail").applications[0].id;
    (id, application)
}

#[test]
fn notes_and_tasks_are_labelled_listed_completed_and_deleted_with_history() {
    let test = TestDesk::new(true);
    let token = ready(&test);
    let (job_seeker, application) = someone(&test, &token);
    let before = test.history_count();
    let saved =
        test.call(&token, &note(application, "Called, left a voicemail, \"call back\" Tuesday", None)).expect("note");
    assert_eq!(
        (saved.author_email.as_str(), saved.entered_on.as_str(), saved.is_task),
        (RECRUITER, "11/23/2026", false)
    );
    assert_eq!(test.history_count(), before + 1);

    let CoreError::User(error) =
        test.call(&token, &note(application, "Check references", Some("02/30/2026"))).expect_err("no such day")
    else {
        panic!("a field error")
    };
    assert_eq!(error.field("due_date"), Some("02/30/2026 is not a date on the calendar. Check the month and the day."));
    assert_eq!(test.history_count(), before + 1, "a refused note writes nothing");

    let late = test.call(&token, &note(application, "Send the forms", Some("11/20/2026"))).expect("task");
    let soon = test.call(&token, &note(application, "Check references", Some("11/30/2026"))).expect("task");
    assert!(late.overdue && !soon.overdue);
    let todo = test.call(&token, &TodoRequest {}).expect("to-do");
    assert_eq!(
        todo.iter().map(|item| item.note_id).collect::<Vec<_>>(),
        vec![late.id, soon.id],
        "overdue first, then by due date"
    );

    let done = test.call(&token, &SetTaskCompletedRequest { id: late.id, completed: true }).expect("complete");
    assert!(done.completed && !done.overdue);
    assert_eq!(test.call(&token, &TodoRequest {}).expect("to-do").len(), 1, "a completed task leaves the To-Do list");
    let plain = test.call(&token, &SetTaskCompletedRequest { id: saved.id, completed: true });
    assert_eq!(plain.expect_err("a note is not a task").kind(), hiredesk_wire::ErrorKind::Conflict);

    // Edit mode turns a note into a task.
    let toggled = test
        .call(
            &token,
            &SaveNoteRequest {
                id: Some(saved.id),
                is_task: true,
                due_date: "12/01/2026".into(),
                ..note(application, &saved.text, None)
            },
        )
        .expect("edit");
    assert!(toggled.is_task && toggled.due_date.as_deref() == Some("12/01/2026"));

    let all = test.call(&token, &NotesRequest { job_seeker_id: job_seeker, application_id: None }).expect("all");
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].id, soon.id, "newest first");
    test.call(&token, &DeleteNoteRequest { id: soon.id }).expect("delete");
    assert_eq!(
        test.call(&token, &NotesRequest { job_seeker_id: job_seeker, application_id: Some(application) })
            .expect("one")
            .len(),
        2
    );
    // Added, added, added, completed, edited, deleted.
    assert_eq!(test.history_count(), before + 6);
}

#[test]
fn a_due_task_is_reminded_at_nine_in_the_authors_zone_once_a_day_until_done() {
    let test = TestDesk::new(true);
    let token = ready(&test);
    let (job_seeker, application) = someone(&test, &token);
    test.desk.deliver_notices().expect("flush");
    // The clock starts at 17:00 UTC on 23 Nov 2026 (12:00 EST): a task due tomorrow.
    let task = test.call(&token, &note(application, "Send the offer paperwork", Some("11/24/2026"))).expect("task");
    assert!(test.desk.deliver_notices().expect("not yet").is_empty());
    let mut now: DateTime<Utc> =
        DateTime::parse_from_rfc3339("2026-11-23T17:00:00Z").expect("instant").with_timezone(&Utc);
    let mut at = |to: &str| {
        let to = DateTime::parse_from_rfc3339(to).expect("instant").with_timezone(&Utc);
        test.advance(to - now);
        now = to;
    };
    at("2026-11-24T13:59:00Z"); // 08:59 EST
    assert!(test.desk.deliver_notices().expect("early").is_empty());
    at("2026-11-24T14:00:00Z"); // 09:00 EST
    let reminders = test.desk.deliver_notices().expect("nine");
    assert_eq!(reminders.len(), 1);
    assert!(
        reminders[0].title.starts_with("Task due: ")
            && reminders[0].body == "Send the offer paperwork (due 11/24/2026)"
    );
    assert_eq!(
        reminders[0].opens,
        Some(NoticeTarget { job_seeker_id: job_seeker, tab: NoticeTab::Notes }),
        "a click opens the task"
    );
    assert!(test.desk.deliver_notices().expect("again").is_empty(), "once a day");
    at("2026-11-25T14:30:00Z");
    assert_eq!(test.desk.deliver_notices().expect("next day").len(), 1, "still open: reminded again the next day");
    // Days later the session has long ended: sign in again to complete the task.
    let token = test
        .call_public(&SignInRequest { email: RECRUITER.into(), password: "copper lantern meadow fifty".into() })
        .expect("sign in")
        .token;
    test.call(&token, &SetTaskCompletedRequest { id: task.id, completed: true }).expect("done");
    test.advance(Duration::days(1));
    assert!(test.desk.deliver_notices().expect("done").is_empty(), "a completed task is not reminded");
}

#[test]
fn a_kept_draft_is_handed_back_once_and_can_be_forgotten() {
    use hiredesk_wire::{KeepDraftRequest, KeptDraft};
    let test = TestDesk::new(true);
    let token = ready(&test);
    let (job_seeker, application) = someone(&test, &token);
    let draft = KeptDraft {
        job_seeker_id: job_seeker,
        application_id: application,
        note_id: None,
        text: "Half-written".into(),
        is_task: false,
        due_date: String::new(),
    };
    test.call(&token, &KeepDraftRequest(Some(draft.clone()))).expect("keep");
    let offered = test.call(&token, &TakeDraftRequest {}).expect("take").expect("offered");
    assert_eq!(offered.draft, draft);
    assert!(test.call(&token, &TakeDraftRequest {}).expect("again").is_none(), "handed back once");
    // Kept, then the user stayed: forgotten.
    test.call(&token, &KeepDraftRequest(Some(draft))).expect("keep");
    test.call(&token, &KeepDraftRequest(None)).expect("forget");
    assert!(test.call(&token, &TakeDraftRequest {}).expect("take").is_none());
}

//! Every command that takes two or more ids, sent with a mismatched pair (a note of one job seeker with an
//! application of another, a draft whose ids do not belong together, a template that does not exist): each is
//! refused with a clear message and writes nothing (issue 14, defect 3).
//!
//! The commands of the table with more than one id: `save_note` (note, application), `notes`, `export_notes`
//! and the print window's Notes (job seeker, application), `keep_draft` (job seeker, application, note),
//! `offer_tags` and `save_offer` (application, template). `job_seeker_history` and its export take a requisition
//! as a filter, not as a parent: one the job seeker never applied to gives an empty page (tests/job_seekers.rs).

use crate::common;

use common::TestDesk;
use diesel::prelude::*;
use hiredesk_core::db::schema::note_drafts;
use hiredesk_core::{demo, CoreError, CoreResult};
use hiredesk_wire::{
    ErrorKind, ExportNotesRequest, JobSeekerFilter, JobSeekerListRequest, JobSeekerRequest, KeepDraftRequest,
    KeptDraft, NotesRequest, OfferTagsRequest, PrintRequest, SaveNoteRequest, SaveOfferRequest, Stage,
    TakeDraftRequest,
};

const RECRUITER: &str = "maria.alvarez@northwind.example";

/// Two demo job seekers, each with an application, and a note on the first one's.
struct Pair {
    token: String,
    first: (i32, i32),
    second: (i32, i32),
    note: i32,
}

fn pair(test: &TestDesk) -> Pair {
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let rows = test.call(&token, &JobSeekerListRequest::default()).expect("list").rows;
    let with_application =
        |id: i32| (id, test.call(&token, &JobSeekerRequest { id }).expect("detail").applications[0].id);
    let (first, second) = (with_application(rows[0].id), with_application(rows[1].id));
    let note = SaveNoteRequest {
        id: None,
        application_id: first.1,
        text: "Called, left a voicemail".into(),
        is_task: false,
        due_date: String::new(),
        client_key: None,
        written_at: None,
    };
    let note = test.call(&token, &note).expect("a note on the first").id;
    Pair { token, first, second, note }
}

/// Asserts a clear refusal (not found, with a message saying which id did not belong) and no new History line.
fn refused<T: std::fmt::Debug>(test: &TestDesk, what: &str, command: impl FnOnce() -> CoreResult<T>) -> String {
    let before = test.history_count();
    let answer = command();
    assert_eq!(test.history_count(), before, "{what}: nothing written");
    match answer {
        Err(CoreError::User(error)) => {
            assert_eq!(error.kind, ErrorKind::NotFound, "{what}: {error:?}");
            error.message
        }
        other => panic!("{what}: a refusal, not {other:?}"),
    }
}

#[test]
fn save_note_refuses_a_note_with_another_job_seekers_application() {
    let test = TestDesk::new(true);
    let Pair { token, first, second, note } = pair(&test);
    let forged = SaveNoteRequest {
        id: Some(note),
        application_id: second.1,
        text: "Rewritten under the wrong job seeker".into(),
        is_task: false,
        due_date: String::new(),
        client_key: None,
        written_at: None,
    };
    let message = refused(&test, "save_note", || test.call(&token, &forged));
    assert_eq!(message, "This note is not one of this application's. Open the job seeker again and retry.");
    let notes = test.call(&token, &NotesRequest { job_seeker_id: first.0, application_id: None }).expect("notes");
    assert_eq!(notes[0].text, "Called, left a voicemail", "the note is unchanged");
    // With its own application the same edit is saved.
    test.call(&token, &SaveNoteRequest { application_id: first.1, ..forged }).expect("its own application");
}

#[test]
fn the_notes_their_export_and_printout_refuse_another_job_seekers_application() {
    let test = TestDesk::new(true);
    let Pair { token, first, second, .. } = pair(&test);
    let mismatched = NotesRequest { job_seeker_id: first.0, application_id: Some(second.1) };
    let expected = "This application is not one of this job seeker's. Open the job seeker again and retry.";
    assert_eq!(refused(&test, "notes", || test.call(&token, &mismatched)), expected);

    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("notes.xlsx");
    let export = ExportNotesRequest { export_id: 7, notes: mismatched.clone() };
    assert_eq!(refused(&test, "export_notes", || test.desk.export_notes(&token, &export, &path)), expected);
    assert!(!path.exists(), "no file for a refused export");

    let printed = PrintRequest::Notes(mismatched);
    assert_eq!(refused(&test, "print_view", || test.desk.print_view(&token, &printed)), expected);
    assert_eq!(refused(&test, "print_export", || test.desk.export_printed(&token, &printed, 8, &path)), expected);
    assert!(!path.exists(), "no file for a refused printout's export");

    // The right pair still answers.
    let own = NotesRequest { job_seeker_id: first.0, application_id: Some(first.1) };
    assert_eq!(test.call(&token, &own).expect("own notes").len(), 1);
}

#[test]
fn keep_draft_refuses_ids_that_do_not_belong_together_and_keeps_nothing() {
    let test = TestDesk::new(true);
    let Pair { token, first, second, note } = pair(&test);
    let draft = |job_seeker_id, application_id, note_id| {
        KeepDraftRequest(Some(KeptDraft {
            job_seeker_id,
            application_id,
            note_id,
            text: "Half a thought".into(),
            is_task: false,
            due_date: String::new(),
        }))
    };
    let kept = || note_drafts::table.count().get_result::<i64>(&mut test.raw()).expect("count the drafts");
    assert_eq!(
        refused(&test, "keep_draft (application)", || test.call(&token, &draft(first.0, second.1, None))),
        "This application is not one of this job seeker's. Open the job seeker again and retry."
    );
    assert_eq!(
        refused(&test, "keep_draft (note)", || test.call(&token, &draft(second.0, second.1, Some(note)))),
        "This note is not one of this application's. Open the job seeker again and retry."
    );
    assert_eq!(kept(), 0, "no draft kept");
    assert_eq!(test.call(&token, &TakeDraftRequest {}).expect("take"), None);
    test.call(&token, &draft(first.0, first.1, Some(note))).expect("a draft whose ids belong together");
    assert_eq!(kept(), 1);
}

#[test]
fn offer_tags_and_save_offer_refuse_a_template_that_does_not_exist() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let at_offer = JobSeekerListRequest {
        filter: JobSeekerFilter { stage: Some(Stage::Offer), ..Default::default() },
        ..Default::default()
    };
    let id = test.call(&token, &at_offer).expect("list").rows[0].id;
    let detail = test.call(&token, &JobSeekerRequest { id }).expect("detail");
    let application = detail.applications.iter().find(|application| application.stage == Stage::Offer).expect("Offer");
    let missing = i32::MAX;
    let expected = "This offer template no longer exists.";
    let tags = OfferTagsRequest { application_id: application.id, template_id: missing };
    assert_eq!(refused(&test, "offer_tags", || test.call(&token, &tags)), expected);
    let save = SaveOfferRequest {
        application_id: application.id,
        template_id: missing,
        values: Default::default(),
        expires_on: String::new(),
    };
    assert_eq!(refused(&test, "save_offer", || test.call(&token, &save)), expected);
}

//! Every kind of text a command takes, sent too long or with a control character (issue 14, defect 8): each
//! is refused at its own field with the one text rule's message (`core::validation::TextRule`) and writes
//! nothing; line breaks and tabs pass where a field is multi-line (a note, a draft, a letter) and only there;
//! a search of a megabyte is a field message, not an internal database error.

use crate::common;

use common::TestDesk;
use hiredesk_core::{demo, CoreError, CoreResult};
use hiredesk_wire::{
    AddJobSeekerRequest, ContactInformation, CreateUserRequest, ErrorKind, JobSeekerFilter, JobSeekerListRequest,
    JobSeekerProfile, JobSeekerRequest, KeepDraftRequest, KeptDraft, MailSettings, QuestionChange,
    RequisitionChoicesRequest, RequisitionFields, Role, SaveContactInformationRequest, SaveMailSettingsRequest,
    SaveNoteRequest, SaveRequisitionRequest, SaveSecurityQuestionsRequest, UpdateProfileRequest,
};

const ADMINISTRATOR: &str = "dana.whitfield@northwind.example";
const RECRUITER: &str = "maria.alvarez@northwind.example";
const NUL: &str = "Ana\u{0}";
const TOO_LONG_NAME: &str = "Use at most 100 characters.";
const CONTROL: &str = "Remove the control character (U+0000) from this text; it cannot be stored.";

/// A megabyte of text, the size the attacker sent.
fn megabyte() -> String {
    "m".repeat(1 << 20)
}

/// Asserts the command was refused at `field` with `message`, and that no History line was written.
fn refused_at<T: std::fmt::Debug>(
    test: &TestDesk,
    what: &str,
    field: &str,
    message: &str,
    command: impl FnOnce() -> CoreResult<T>,
) {
    let before = test.history_count();
    let answer = command();
    assert_eq!(test.history_count(), before, "{what}: nothing written");
    match answer {
        Err(CoreError::User(error)) => {
            assert_eq!(error.kind, ErrorKind::Validation, "{what}: {error:?}");
            assert_eq!(error.field(field), Some(message), "{what}: {error:?}");
        }
        other => panic!("{what}: refused at {field}, not {other:?}"),
    }
}

fn person(first: &str, last: &str) -> JobSeekerProfile {
    JobSeekerProfile {
        first_name: first.into(),
        last_name: last.into(),
        email: "ines.duarte@mail.example".into(),
        ..JobSeekerProfile::default()
    }
}

#[test]
fn a_recruiters_texts_are_bounded_and_free_of_control_characters() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let requisition = test.call(&token, &RequisitionChoicesRequest {}).expect("requisitions")[0].id;
    let first = test.call(&token, &JobSeekerListRequest::default()).expect("list").rows[0].id;
    let detail = test.call(&token, &JobSeekerRequest { id: first }).expect("detail");
    let application = detail.applications[0].id;

    // Names, by hand and on a profile.
    let add = |profile: JobSeekerProfile| AddJobSeekerRequest { requisition_id: Some(requisition), profile };
    refused_at(&test, "a NUL in a new name", "first_name", CONTROL, || test.call(&token, &add(person(NUL, "Duarte"))));
    refused_at(&test, "a line break in a name", "last_name", "Keep this on one line, without tabs.", || {
        test.call(&token, &add(person("Ines", "Du\narte")))
    });
    refused_at(&test, "a long name", "first_name", TOO_LONG_NAME, || {
        test.call(&token, &add(person(&"n".repeat(101), "Duarte")))
    });
    let mut profile = detail.profile.clone();
    profile.city = "Bos\u{1b}[2Jton".into();
    refused_at(
        &test,
        "an escape in a city",
        "city",
        "Remove the control character (U+001B) from this text; it cannot be stored.",
        || test.call(&token, &UpdateProfileRequest { id: first, profile }),
    );

    // Notes: multi-line, so tabs and line breaks are kept; a NUL is not; ten thousand characters at most.
    let note = |text: String| SaveNoteRequest {
        id: None,
        application_id: application,
        text,
        is_task: false,
        due_date: String::new(),
        client_key: None,
        written_at: None,
    };
    refused_at(&test, "a NUL in a note", "text", CONTROL, || test.call(&token, &note(format!("Called {NUL}"))));
    refused_at(&test, "a long note", "text", "Use at most 10000 characters.", || {
        test.call(&token, &note("n".repeat(10_001)))
    });
    let saved = test.call(&token, &note("Called.\n\tLeft a message.".into())).expect("a note of two lines");
    assert_eq!(saved.text, "Called.\n\tLeft a message.");

    // The draft kept at the idle timeout takes what a note takes, no more.
    let draft = |text: String| {
        KeepDraftRequest(Some(KeptDraft {
            job_seeker_id: first,
            application_id: application,
            note_id: None,
            text,
            is_task: false,
            due_date: String::new(),
        }))
    };
    refused_at(&test, "a draft of a megabyte", "text", "Use at most 10000 characters.", || {
        test.call(&token, &draft(megabyte()))
    });
    refused_at(&test, "a NUL in a draft", "text", CONTROL, || test.call(&token, &draft(NUL.into())));
    test.call(&token, &draft("Half a\nnote".into())).expect("a draft of two lines is kept");

    // A search of a megabyte is a message at the search field, not a database error.
    let search = JobSeekerListRequest {
        filter: JobSeekerFilter { search: megabyte(), ..JobSeekerFilter::default() },
        ..JobSeekerListRequest::default()
    };
    refused_at(&test, "a search of a megabyte", "search", "Use at most 200 characters.", || test.call(&token, &search));

    // Security answers: compared, not shown, but still bounded.
    let questions = SaveSecurityQuestionsRequest {
        slots: vec![
            QuestionChange::Set { question: "What was your first car?".into(), answer: megabyte() },
            QuestionChange::Keep,
            QuestionChange::Keep,
        ],
    };
    refused_at(&test, "an answer of a megabyte", "answer_1", "Use at most 1000 characters.", || {
        test.call(&token, &questions)
    });

    // The recruiter's own contact information.
    let contact = ContactInformation {
        first_name: NUL.into(),
        last_name: "Alvarez".into(),
        phone: String::new(),
        extension: String::new(),
    };
    refused_at(&test, "a NUL in one's own name", "first_name", CONTROL, || {
        test.call(&token, &SaveContactInformationRequest(contact))
    });

    // Requisitions.
    let requisition = SaveRequisitionRequest {
        id: None,
        fields: RequisitionFields { title: format!("Nurse{NUL}"), ..RequisitionFields::default() },
    };
    refused_at(&test, "a NUL in a title", "title", CONTROL, || test.call(&token, &requisition));
}

#[test]
fn an_administrators_texts_are_bounded_and_free_of_control_characters() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(ADMINISTRATOR, demo::ADMINISTRATOR_PASSWORD);
    let user = |first_name: &str| CreateUserRequest {
        email: "new.user@northwind.example".into(),
        first_name: first_name.into(),
        last_name: "User".into(),
        role: Role::Recruiter,
    };
    refused_at(&test, "a NUL in a new user's name", "first_name", CONTROL, || test.call(&token, &user(NUL)));
    refused_at(&test, "a new user's long name", "first_name", TOO_LONG_NAME, || {
        test.call(&token, &user(&"u".repeat(101)))
    });
    let mail = |host: &str| {
        SaveMailSettingsRequest(MailSettings {
            host: host.into(),
            port: 587,
            sender: "Recruiting <recruiting@northwind.example>".into(),
            ..MailSettings::default()
        })
    };
    refused_at(&test, "a NUL in the mail host", "host", CONTROL, || test.call(&token, &mail("smtp.example\u{0}.com")));
    refused_at(&test, "a mail host of a megabyte", "host", "Use at most 200 characters.", || {
        test.call(&token, &mail(&megabyte()))
    });
}

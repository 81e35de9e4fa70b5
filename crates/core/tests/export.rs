//! Exports read back by an independent reader (calamine): header, rows, real date cells, and text with
//! commas, quotes, new lines and accents intact (SPEC EX-1, EX-3).

use crate::common;

use calamine::{Data, Reader, Xlsx};
use common::TestDesk;
use hiredesk_core::demo;
use hiredesk_wire::{
    CancelExportRequest, ChangePasswordRequest, ExportFileNameRequest, ExportHistoryRequest, ExportKind,
    ExportNotesRequest, ExportProgressRequest, HistoryPageRequest, JobSeekerListRequest, JobSeekerRequest,
    NotesRequest, PrintRequest, SaveNoteRequest, SignInRequest,
};

fn ready(test: &TestDesk) -> String {
    let email = "maria.alvarez@northwind.example";
    let token = test
        .call_public(&SignInRequest { email: email.into(), password: demo::RECRUITER_PASSWORD.into() })
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

fn read(path: &std::path::Path, sheet: &str) -> calamine::Range<Data> {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).expect("an .xlsx file");
    workbook.worksheet_range(sheet).expect("the sheet")
}

#[test]
fn notes_export_keeps_every_character_and_real_dates() {
    let test = TestDesk::new(true);
    let token = ready(&test);
    let id = test.call(&token, &JobSeekerListRequest::default()).expect("list").rows[0].id;
    let application = test.call(&token, &JobSeekerRequest { id }).expect("detail").applications[0].id;
    let tricky = "Said \"yes, maybe\", then:\nline two — Zoë's café, 100% sure";
    test.call(
        &token,
        &SaveNoteRequest {
            id: None,
            application_id: application,
            text: tricky.into(),
            is_task: false,
            due_date: String::new(),
            client_key: None,
            written_at: None,
        },
    )
    .expect("note");
    test.call(
        &token,
        &SaveNoteRequest {
            id: None,
            application_id: application,
            text: "Send forms".into(),
            is_task: true,
            due_date: "12/01/2026".into(),
            client_key: None,
            written_at: None,
        },
    )
    .expect("task");
    let before = test.history_count();
    let path = test.dir.path().join("notes.xlsx");
    let request = ExportNotesRequest { export_id: 1, notes: NotesRequest { job_seeker_id: id, application_id: None } };
    let rows = test.desk.export_notes(&token, &request, &path).expect("export");
    assert_eq!(rows, 2);
    assert_eq!(test.history_count(), before + 1, "the export is in History");

    let range = read(&path, "Notes");
    assert_eq!(range.height(), 3, "header and two rows");
    let header: Vec<String> = range.rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert_eq!(header, ["Entered", "Author", "Requisition", "Note", "Task", "Due", "Completed"]);
    let texts: Vec<String> = range.rows().skip(1).map(|row| row[3].to_string()).collect();
    assert!(texts.contains(&tricky.to_owned()), "{texts:?}");
    assert!(matches!(range.get((1, 0)), Some(Data::DateTime(_))), "entered is a date cell: {:?}", range.get((1, 0)));
    let due_row = range.rows().find(|row| row[4] == Data::String("Yes".into())).expect("the task");
    let Data::DateTime(due) = &due_row[5] else { panic!("due is a date cell: {:?}", due_row[5]) };
    assert_eq!(due.as_datetime().expect("a date").date().to_string(), "2026-12-01");
}

#[test]
fn history_export_has_every_entry_with_the_tabs_filters_and_can_be_cancelled() {
    let test = TestDesk::new(true);
    let token = ready(&test);
    let id = test.call(&token, &JobSeekerListRequest::default()).expect("list").rows[0].id;
    let all = HistoryPageRequest { job_seeker_id: id, ..Default::default() };
    let mut expected = 0;
    let mut after = None;
    loop {
        let page = test.call(&token, &HistoryPageRequest { after, ..all.clone() }).expect("page");
        expected += page.entries.len() as u64;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let path = test.dir.path().join("history.xlsx");
    let mut seen = Vec::new();
    let rows = test
        .desk
        .export_history_with(&token, &all, &path, &mut |done, total| {
            seen.push((done, total));
            true
        })
        .expect("export");
    assert_eq!(rows, expected);
    assert_eq!(seen.first().copied(), Some((0, expected)), "the total is known from the start");
    assert_eq!(seen.last().copied(), Some((expected, expected)), "progress reaches the end");
    let range = read(&path, "History");
    assert_eq!(range.height() as u64, expected + 1);
    assert!(matches!(range.get((1, 0)), Some(Data::DateTime(_))));
    assert!(range.rows().skip(1).all(|row| matches!(row[0], Data::DateTime(_))), "every When is a date cell");
    assert_eq!(range.get((0, 5)).map(ToString::to_string).as_deref(), Some("Changes"));
    assert_eq!(range.get((0, 0)), Some(&Data::String("When".into())), "the header is text, not a date");

    let cancelled = test.desk.export_history_with(&token, &all, &test.dir.path().join("never.xlsx"), &mut |_, _| false);
    assert_eq!(cancelled.expect_err("cancelled").kind(), hiredesk_wire::ErrorKind::Conflict);
    assert!(!test.dir.path().join("never.xlsx").exists(), "a cancelled export leaves no file");

    // Through the register the commands use: nothing is left running afterwards.
    let request = ExportHistoryRequest { export_id: 9, history: all.clone() };
    assert_eq!(
        test.desk.export_history(&token, &request, &test.dir.path().join("tracked.xlsx")).expect("export"),
        expected + 1
    );
    assert_eq!(test.call(&token, &ExportProgressRequest { export_id: 9 }).expect("progress"), None);
    assert!(!test.call(&token, &CancelExportRequest { export_id: 9 }).expect("cancel"));
    assert_eq!(
        test.call("not a session", &ExportProgressRequest { export_id: 9 }).expect_err("refused").kind(),
        hiredesk_wire::ErrorKind::SessionExpired
    );
}

#[test]
fn the_print_view_has_the_tabs_data_with_its_filters_in_words() {
    let test = TestDesk::new(true);
    let token = ready(&test);
    let id = test.call(&token, &JobSeekerListRequest::default()).expect("list").rows[0].id;
    let detail = test.call(&token, &JobSeekerRequest { id }).expect("detail");
    let name = format!("{} {}", detail.profile.first_name, detail.profile.last_name);
    let all = HistoryPageRequest { job_seeker_id: id, ..Default::default() };
    let view = test.desk.print_view(&token, &PrintRequest::History(all.clone())).expect("view");
    assert_eq!(view.title, format!("History of {name}"));
    assert_eq!(view.filters, "All kinds, all requisitions");
    assert_eq!(view.printed_by, "maria.alvarez@northwind.example");
    assert!(!view.history.is_empty() && view.notes.is_empty() && !view.more);

    let applied = HistoryPageRequest { kind: Some("applied".into()), ..all };
    let view = test.desk.print_view(&token, &PrintRequest::History(applied)).expect("view");
    assert!(view.filters.starts_with("Kind: Application"), "{}", view.filters);
    assert!(view.history.iter().all(|entry| entry.kind == "applied"));

    let application = detail.applications[0].id;
    test.call(
        &token,
        &SaveNoteRequest {
            id: None,
            application_id: application,
            text: "For the printout".into(),
            is_task: false,
            due_date: String::new(),
            client_key: None,
            written_at: None,
        },
    )
    .expect("note");
    let notes = NotesRequest { job_seeker_id: id, application_id: Some(application) };
    let view = test.desk.print_view(&token, &PrintRequest::Notes(notes)).expect("view");
    assert_eq!(view.title, format!("Notes on {name}"));
    assert_eq!(view.filters, format!("Requisition: {}", detail.applications[0].requisition));
    assert_eq!(view.notes.iter().map(|note| note.text.as_str()).collect::<Vec<_>>(), ["For the printout"]);
    assert_eq!(
        test.desk
            .print_view("no session", &PrintRequest::Notes(NotesRequest { job_seeker_id: id, application_id: None }))
            .expect_err("refused")
            .kind(),
        hiredesk_wire::ErrorKind::SessionExpired
    );
}

/// Issue 14, rough edge: an export's file name used the computer's clock to the minute while its rows used the
/// user's zone, and did not say whose History it was.
#[test]
fn an_exports_file_name_names_the_job_seeker_and_the_users_own_time_to_the_second() {
    let test = TestDesk::new(true);
    let token = ready(&test);
    let row = &test.call(&token, &JobSeekerListRequest::default()).expect("list").rows[0];
    let name =
        test.call(&token, &ExportFileNameRequest { job_seeker_id: row.id, kind: ExportKind::History }).expect("a name");
    // The test's clock is 23 Nov 2026 17:00 UTC: noon in the user's Eastern Time.
    assert_eq!(name, format!("Hiredesk History - {} - 2026-11-23 120000.xlsx", row.name));
    test.call(
        &token,
        &hiredesk_wire::SavePreferencesRequest {
            time_zone: Some(hiredesk_wire::UsTimeZone::Pacific),
            ..Default::default()
        },
    )
    .expect("Pacific");
    let pacific =
        test.call(&token, &ExportFileNameRequest { job_seeker_id: row.id, kind: ExportKind::Notes }).expect("a name");
    assert_eq!(pacific, format!("Hiredesk Notes - {} - 2026-11-23 090000.xlsx", row.name));
}

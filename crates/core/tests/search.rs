//! The one search box (SPEC FS-1) on a real database, on each backend of the run: words as prefixes in any
//! order with case and accents folded, the filters, what is never searched, the indexes kept in step with
//! every change in its own transaction, and the completions.

use crate::common;

use common::TestDesk;
use hiredesk_core::{demo, CoreError};
use hiredesk_wire::{
    AddJobSeekerRequest, ChangePasswordRequest, CreateUserRequest, DeleteNoteRequest, JobSeekerProfile, NoteView,
    OfferAction, OfferActionRequest, OfferTabRequest, RequisitionChoicesRequest, Role, SaveNoteRequest,
    SaveOfferRequest, SearchAnswer, SearchKind, SearchRequest, Segment, SetStageRequest, SignInRequest, Stage,
    UpdateProfileRequest,
};

const RECRUITER: &str = "maria.alvarez@northwind.example";
const ADMINISTRATOR: &str = "dana.whitfield@northwind.example";

fn signed_in(test: &TestDesk, email: &str, initial: &str) -> String {
    let token =
        test.call_public(&SignInRequest { email: email.into(), password: initial.into() }).expect("sign in").token;
    let new = "copper lantern meadow fifty";
    let change =
        ChangePasswordRequest { old_password: initial.into(), new_password: new.into(), confirm_password: new.into() };
    test.call(&token, &change).expect("change the initial password");
    token
}

/// Zoë Quintanilla-Brandão, a nurse in Denver, applying for the Lab Technician requisition: (job seeker,
/// application).
fn zoe(test: &TestDesk, token: &str) -> (i32, i32) {
    let requisition = test
        .call(token, &RequisitionChoicesRequest {})
        .expect("requisitions")
        .into_iter()
        .find(|choice| choice.title == "Lab Technician")
        .expect("the demo's Lab Technician")
        .id;
    let profile = JobSeekerProfile {
        first_name: "Zoë".into(),
        last_name: "Quintanilla-Brandão".into(),
        email: "zoe.q@example.org".into(),
        phone: "(303) 555-0199".into(),
        address_line1: "12 Larimer St".into(),
        address_line2: String::new(),
        city: "Denver".into(),
        state: "CO".into(),
        postal_code: "80202".into(),
    };
    let added = test.call(token, &AddJobSeekerRequest { requisition_id: Some(requisition), profile }).expect("added");
    (added.id, added.applications[0].id)
}

fn note(test: &TestDesk, token: &str, application_id: i32, text: &str, due: Option<&str>) -> NoteView {
    let request = SaveNoteRequest {
        id: None,
        application_id,
        text: text.into(),
        is_task: due.is_some(),
        due_date: due.unwrap_or_default().into(),
        client_key: None,
        written_at: None,
    };
    test.call(token, &request).expect("note saved")
}

fn search(test: &TestDesk, token: &str, query: &str) -> SearchAnswer {
    test.call(token, &SearchRequest { query: query.into(), per_kind: Some(50) }).unwrap_or_else(|error| {
        panic!("search {query:?}: {error}");
    })
}

fn plain(segments: &[Segment]) -> String {
    segments.iter().map(|segment| segment.text.as_str()).collect()
}

fn marked(segments: &[Segment]) -> Vec<String> {
    segments.iter().filter(|segment| segment.matched).map(|segment| segment.text.clone()).collect()
}

/// The hits of one kind, as (job seeker, detail as text).
fn hits(answer: &SearchAnswer, kind: SearchKind) -> Vec<(i32, String)> {
    answer
        .groups
        .iter()
        .filter(|group| group.kind == kind)
        .flat_map(|group| group.hits.iter().map(|hit| (hit.job_seeker_id, plain(&hit.detail))))
        .collect()
}

fn refusal(test: &TestDesk, token: &str, query: &str) -> String {
    match test.call(token, &SearchRequest { query: query.into(), per_kind: None }) {
        Err(CoreError::User(error)) => error.field("query").unwrap_or_else(|| panic!("{query}: {error:?}")).to_owned(),
        other => panic!("{query}: expected a field message, got {other:?}"),
    }
}

#[test]
fn words_are_prefixes_in_any_order_with_case_and_accents_folded() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let (zoe, application) = zoe(&test, &token);
    note(&test, &token, application, "Mentioned RELOCATING to Denver next spring; speaks Português.", None);

    let answer = search(&test, &token, "denv reloc");
    let notes = hits(&answer, SearchKind::Note);
    assert_eq!(notes.len(), 1, "{answer:?}");
    assert!(hits(&answer, SearchKind::History).is_empty(), "the note's own History line does not show it twice");
    assert_eq!(notes[0].0, zoe);
    let hit = &answer.groups.iter().find(|group| group.kind == SearchKind::Note).expect("notes").hits[0];
    assert_eq!(marked(&hit.detail), ["RELOCATING", "Denver"]);
    assert_eq!(plain(&hit.title), "Zoë Quintanilla-Brandão");
    assert_eq!(hit.application_id, Some(application));
    assert!(hit.when.as_deref().is_some_and(|when| when.starts_with("11/23/2026")), "{:?}", hit.when);

    for query in ["PORTUGUES", "português", "Zoe quintan", "zoë", "brandao", "303 555-01", "zoe.q@example"] {
        let answer = search(&test, &token, query);
        let found: Vec<i32> =
            answer.groups.iter().flat_map(|group| group.hits.iter().map(|hit| hit.job_seeker_id)).collect();
        assert!(found.contains(&zoe), "{query}: {answer:?}");
    }
    let person = search(&test, &token, "quintanilla zoe");
    assert_eq!(person.groups[0].kind, SearchKind::JobSeeker, "job seekers come first");
    assert_eq!(marked(&person.groups[0].hits[0].title), ["Zoë", "Quintanilla"]);
    assert!(search(&test, &token, "denver zzyzx").groups.is_empty(), "every word must match");
}

#[test]
fn history_offers_and_emails_are_found_and_open_their_tab() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let (zoe, application) = zoe(&test, &token);
    let mut profile = test.call(&token, &hiredesk_wire::JobSeekerRequest { id: zoe }).expect("detail").profile;
    profile.city = "Ouray".into();
    test.call(&token, &UpdateProfileRequest { id: zoe, profile }).expect("moved");
    let answer = search(&test, &token, "ouray");
    let history = hits(&answer, SearchKind::History);
    assert!(
        history.iter().any(|(id, text)| *id == zoe && text.contains("Denver") && text.contains("Ouray")),
        "{answer:?}"
    );
    let group = answer.groups.iter().find(|group| group.kind == SearchKind::History).expect("History");
    assert_eq!(group.kind.tab(), hiredesk_wire::SearchTab::History);
    test.call(&token, &SetStageRequest { application_id: application, stage: Stage::Interview, disposition: None })
        .expect("stage");
    let staged = search(&test, &token, "interview lab tech");
    assert!(hits(&staged, SearchKind::History).iter().any(|(id, _)| *id == zoe), "{staged:?}");

    // An offer, found by its template's name, its status and its values; once sent, its email too.
    test.call(&token, &SetStageRequest { application_id: application, stage: Stage::Offer, disposition: None })
        .expect("at Offer");
    let tab = test.call(&token, &OfferTabRequest { application_id: application }).expect("tab");
    let template =
        tab.templates.iter().find(|(_, name)| name == "Hourly Part-Time Offer").expect("the demo's template").0;
    let values = [
        ("hourly_rate", "$24.50"),
        ("hours_per_week", "20"),
        ("work_schedule", "Saturdays 7 am to noon"),
        ("start_date", "01/05/2027"),
        ("response_deadline", "12/04/2026"),
    ];
    let request = SaveOfferRequest {
        application_id: application,
        template_id: template,
        values: values.iter().map(|(tag, value)| ((*tag).to_owned(), (*value).to_owned())).collect(),
        expires_on: String::new(),
    };
    let offer = test.call(&token, &request).expect("saved").offer.expect("an offer");
    let drafts = search(&test, &token, "part-time draft saturd");
    assert_eq!(hits(&drafts, SearchKind::Offer).iter().map(|(id, _)| *id).collect::<Vec<_>>(), [zoe], "{drafts:?}");
    assert_eq!(SearchKind::Offer.tab(), hiredesk_wire::SearchTab::Offers);
    assert!(hits(&drafts, SearchKind::Email).is_empty(), "nothing was sent yet");

    test.call(&token, &OfferActionRequest { offer_id: offer.id, action: OfferAction::Send }).expect("sent");
    let sent = search(&test, &token, "saturdays");
    assert!(hits(&sent, SearchKind::Offer).iter().any(|(id, text)| *id == zoe && text.contains("Sent")), "{sent:?}");
    assert_eq!(hits(&sent, SearchKind::Email).iter().map(|(id, _)| *id).collect::<Vec<_>>(), [zoe], "{sent:?}");
    assert!(hits(&search(&test, &token, "part-time draft saturd"), SearchKind::Offer).is_empty(), "no longer a draft");
}

#[test]
fn mail_to_users_and_history_about_accounts_are_never_found() {
    let test = TestDesk::new(true);
    let admin = signed_in(&test, ADMINISTRATOR, demo::ADMINISTRATOR_PASSWORD);
    let created = test
        .call(
            &admin,
            &CreateUserRequest {
                email: "xavier.newhire@northwind.example".into(),
                first_name: "Xavier".into(),
                last_name: "Newhire".into(),
                role: Role::Recruiter,
            },
        )
        .expect("created");
    let answer = search(&test, &admin, "xavier");
    assert!(answer.groups.is_empty(), "an account's email and History are not a job seeker's: {answer:?}");
    let password_words: Vec<String> =
        created.password.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 3).map(str::to_owned).collect();
    for word in password_words {
        assert!(search(&test, &admin, &word).groups.iter().all(|group| group.kind != SearchKind::Email), "{word}");
    }
}

#[test]
fn filters_narrow_every_kind_and_bad_ones_are_told_at_the_field() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let (zoe, application) = zoe(&test, &token);
    let late = note(&test, &token, application, "Send the Denver badge forms", Some("11/20/2026"));
    note(&test, &token, application, "Denver references checked", Some("11/30/2026"));

    let overdue = search(&test, &token, "task:overdue");
    assert_eq!(overdue.groups.len(), 1, "tasks only: {overdue:?}");
    assert!(hits(&overdue, SearchKind::Note).iter().any(|(_, text)| text.contains(&late.text)));
    assert!(hits(&overdue, SearchKind::Note).iter().all(|(_, text)| !text.contains("references")));

    let at_lab = search(&test, &token, r#"denver req:"lab tech""#);
    assert!(hits(&at_lab, SearchKind::JobSeeker).iter().any(|(id, _)| *id == zoe));
    assert!(search(&test, &token, r#"denver req:"Billing Coordinator""#).groups.is_empty());
    assert!(hits(&search(&test, &token, "denver stage:new"), SearchKind::JobSeeker).iter().any(|(id, _)| *id == zoe));
    assert!(search(&test, &token, "quintanilla stage:hired").groups.is_empty());

    let mine = search(&test, &token, "denver by:maria");
    assert_eq!(hits(&mine, SearchKind::Note).len(), 2, "{mine:?}");
    assert!(hits(&mine, SearchKind::JobSeeker).is_empty(), "by: names an author, which a job seeker has not");
    assert!(hits(&search(&test, &token, "denver by:james"), SearchKind::Note).is_empty());

    assert_eq!(hits(&search(&test, &token, "denver after:11/23/2026"), SearchKind::Note).len(), 2);
    assert!(hits(&search(&test, &token, "denver after:2026-11-24"), SearchKind::Note).is_empty());
    assert!(hits(&search(&test, &token, "denver before:2026-11-23"), SearchKind::Note).is_empty());

    assert!(refusal(&test, &token, "stage:maybe").contains("no stage"));
    assert!(refusal(&test, &token, "statge:offer").contains("no filter statge:"));
    assert!(refusal(&test, &token, "after:someday").contains("2026-01-31"));
    assert!(refusal(&test, &token, &"nurse ".repeat(200)).contains("at most 500"));
}

#[test]
fn the_indexes_follow_every_change_in_its_transaction() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let (zoe, application) = zoe(&test, &token);
    let written = note(&test, &token, application, "Prefers the night shift", None);
    assert_eq!(hits(&search(&test, &token, "night shift"), SearchKind::Note).len(), 1);

    let edited = SaveNoteRequest {
        id: Some(written.id),
        application_id: application,
        text: "Prefers the weekend rota".into(),
        is_task: false,
        due_date: String::new(),
        client_key: None,
        written_at: None,
    };
    test.call(&token, &edited).expect("edited");
    assert!(hits(&search(&test, &token, "night shift"), SearchKind::Note).is_empty(), "the old words are gone");
    assert_eq!(hits(&search(&test, &token, "weekend rota"), SearchKind::Note).len(), 1);

    // A refused change leaves the index as it was.
    let refused = SaveNoteRequest { text: "x".repeat(20_000), ..edited.clone() };
    test.call(&token, &refused).expect_err("too long");
    assert_eq!(hits(&search(&test, &token, "weekend"), SearchKind::Note).len(), 1);

    test.call(&token, &DeleteNoteRequest { id: written.id }).expect("deleted");
    assert!(hits(&search(&test, &token, "weekend"), SearchKind::Note).is_empty());

    let mut profile = test.call(&token, &hiredesk_wire::JobSeekerRequest { id: zoe }).expect("detail").profile;
    profile.city = "Boulder".into();
    test.call(&token, &UpdateProfileRequest { id: zoe, profile }).expect("moved");
    assert!(hits(&search(&test, &token, "quintanilla boulder"), SearchKind::JobSeeker)
        .iter()
        .any(|(id, _)| *id == zoe));
    assert!(hits(&search(&test, &token, "quintanilla denver"), SearchKind::JobSeeker).is_empty());
}

#[test]
fn what_a_hit_shows_is_text_never_markup() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let (_, application) = zoe(&test, &token);
    note(&test, &token, application, "<img src=x onerror=alert(1)> phlebotomy certified", None);
    let answer = search(&test, &token, "phlebotomy");
    let hit = &answer.groups[0].hits[0];
    assert_eq!(plain(&hit.detail), "<img src=x onerror=alert(1)> phlebotomy certified");
    assert_eq!(marked(&hit.detail), ["phlebotomy"]);
}

#[test]
fn more_says_when_a_group_has_more_than_it_shows() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let (_, application) = zoe(&test, &token);
    for n in 0..3 {
        note(&test, &token, application, &format!("Courier delivered packet {n}"), None);
    }
    let answer = test.call(&token, &SearchRequest { query: "courier".into(), per_kind: Some(2) }).expect("search");
    assert_eq!((answer.groups[0].hits.len(), answer.groups[0].more), (2, true));
    let answer = test.call(&token, &SearchRequest { query: "courier".into(), per_kind: Some(3) }).expect("search");
    assert_eq!((answer.groups[0].hits.len(), answer.groups[0].more), (3, false));
}

#[test]
fn the_last_word_is_completed_with_keys_and_values() {
    let test = TestDesk::new(true);
    let token = signed_in(&test, RECRUITER, demo::RECRUITER_PASSWORD);
    let completed = |query: &str| -> Vec<String> {
        test.call(&token, &SearchRequest { query: query.into(), per_kind: None })
            .map(|answer| answer.completions.into_iter().map(|completion| completion.query).collect())
            .unwrap_or_default()
    };
    assert_eq!(completed("nurse st"), ["nurse stage:"]);
    assert_eq!(completed("nurse stage:o"), ["nurse stage:offer"]);
    assert_eq!(completed("stage:n"), ["stage:new", "stage:not-hired"]);
    assert_eq!(completed("task:o"), ["task:overdue", "task:open"]);
    assert_eq!(completed("req:\"lab"), ["req:\"Lab Technician\""]);
    assert_eq!(completed("by:ja"), ["by:james.okafor@northwind.example"]);
    assert!(completed("nurse ").is_empty(), "nothing is being typed");
}

/// On PostgreSQL every kind's query with words is answered from its GIN index: the expressions of
/// `search/sql.rs` are exactly the migration's.
#[test]
fn on_postgresql_each_query_uses_its_index() {
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Nullable, Text};
    let test = TestDesk::new(true);
    if !test.on_postgres() {
        eprintln!("on_postgresql_each_query_uses_its_index: runs on the PostgreSQL pass");
        return;
    }
    #[derive(QueryableByName)]
    struct Plan {
        #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let mut raw = test.raw();
    diesel::sql_query("SET enable_seqscan = off").execute(&mut raw).expect("planner setting");
    for (kind, index) in [
        (SearchKind::JobSeeker, "job_seekers_search"),
        (SearchKind::Note, "notes_search"),
        (SearchKind::History, "history_search"),
        (SearchKind::Email, "outbox_search"),
    ] {
        let sql = format!("EXPLAIN {}", hiredesk_core::search::sql::query(kind, true, true));
        let plan: Vec<Plan> = diesel::sql_query(sql)
            .bind::<Nullable<Text>, _>(Some("nurse"))
            .bind::<Nullable<Text>, _>(None::<String>)
            .bind::<Nullable<Text>, _>(None::<String>)
            .bind::<Nullable<Text>, _>(None::<String>)
            .bind::<Nullable<BigInt>, _>(None::<i64>)
            .bind::<Nullable<BigInt>, _>(None::<i64>)
            .bind::<Nullable<Text>, _>(None::<String>)
            .bind::<Text, _>("2026-11-23")
            .bind::<BigInt, _>(5)
            .load(&mut raw)
            .expect("plan");
        let plan: Vec<String> = plan.into_iter().map(|line| line.line).collect();
        assert!(plan.iter().any(|line| line.contains(index)), "{kind:?} does not use {index}:\n{}", plan.join("\n"));
    }
}

//! The job seeker list, its neighbours, profile edits, stage changes and the History tab, against a real
//! SQLite file with the demo data.

use crate::common;

use chrono::Duration;
use common::TestDesk;
use hiredesk_core::{demo, CoreError};
use hiredesk_wire::{
    AddJobSeekerRequest, ChangePasswordRequest, ErrorKind, HistoryPageRequest, JobSeekerFilter, JobSeekerListRequest,
    JobSeekerSort, NeighboursRequest, RequisitionChoicesRequest, SavePreferencesRequest, SetStageRequest,
    SignInRequest, Stage, UpdateProfileRequest,
};

const RECRUITER: &str = "maria.alvarez@northwind.example";

/// The demo with Maria signed in (her initial password already changed).
fn signed_in() -> (TestDesk, String) {
    let test = TestDesk::new(true);
    let sign_in = SignInRequest { email: RECRUITER.into(), password: demo::RECRUITER_PASSWORD.into() };
    let token = test.call_public(&sign_in).expect("sign in").token;
    let new = "copper lantern meadow fifty";
    test.call(
        &token,
        &ChangePasswordRequest {
            old_password: demo::RECRUITER_PASSWORD.into(),
            new_password: new.into(),
            confirm_password: new.into(),
        },
    )
    .expect("change");
    (test, token)
}

fn list(
    test: &TestDesk,
    token: &str,
    filter: JobSeekerFilter,
    sort: JobSeekerSort,
    page: u32,
) -> hiredesk_wire::JobSeekerPage {
    test.call(token, &JobSeekerListRequest { filter, sort, page }).expect("list")
}

fn offer() -> JobSeekerFilter {
    JobSeekerFilter { stage: Some(Stage::Offer), ..JobSeekerFilter::default() }
}

#[test]
fn the_list_pages_by_the_users_records_per_page() {
    let (test, token) = signed_in();
    let first = list(&test, &token, JobSeekerFilter::default(), JobSeekerSort::Name, 1);
    assert_eq!((first.total, first.page_count, first.rows.len()), (60, 3, 20));
    let last = list(&test, &token, JobSeekerFilter::default(), JobSeekerSort::Name, 9);
    assert_eq!(last.page, 3, "a page past the end answers with the last page");
    let names: Vec<String> = (1..=3)
        .flat_map(|page| list(&test, &token, JobSeekerFilter::default(), JobSeekerSort::Name, page).rows)
        .map(|row| row.name)
        .collect();
    assert_eq!(names.len(), 60);
    let mut sorted = names.clone();
    sorted.sort_by_key(|name| {
        let (first, last) = name.split_once(' ').expect("two names");
        (last.to_lowercase(), first.to_lowercase())
    });
    assert_eq!(names, sorted, "sorted by last name, then first name");
}

#[test]
fn filters_and_search_narrow_the_list() {
    let (test, token) = signed_in();
    let offers = list(&test, &token, offer(), JobSeekerSort::Name, 1);
    assert_eq!(offers.total, 6);
    assert!(offers.rows.iter().all(|row| row.stage == Stage::Offer));

    let someone = &offers.rows[0];
    let by_name = JobSeekerFilter { search: someone.name.to_uppercase(), ..JobSeekerFilter::default() };
    assert!(list(&test, &token, by_name, JobSeekerSort::Name, 1).rows.iter().any(|row| row.id == someone.id));
    let by_email = JobSeekerFilter { search: someone.email[..8].to_owned(), ..JobSeekerFilter::default() };
    assert!(list(&test, &token, by_email, JobSeekerSort::Name, 1).rows.iter().any(|row| row.id == someone.id));
    let nobody = JobSeekerFilter { search: "%".into(), ..JobSeekerFilter::default() };
    assert_eq!(list(&test, &token, nobody, JobSeekerSort::Name, 1).total, 0, "LIKE wildcards are matched literally");

    let requisitions = test.call(&token, &RequisitionChoicesRequest {}).expect("requisitions");
    let first_requisition = requisitions[0].id;
    let one = JobSeekerFilter { requisition_id: Some(first_requisition), ..JobSeekerFilter::default() };
    let rows = list(&test, &token, one, JobSeekerSort::Name, 1);
    assert!(rows.total > 0 && rows.rows.iter().all(|row| row.requisition == requisitions[0].title));
}

/// The ids the search `text` finds, over every page.
fn found(test: &TestDesk, token: &str, text: &str) -> Vec<i32> {
    let filter = JobSeekerFilter { search: text.into(), ..JobSeekerFilter::default() };
    let first = list(test, token, filter.clone(), JobSeekerSort::Name, 1);
    let mut ids: Vec<i32> = first.rows.iter().map(|row| row.id).collect();
    for page in 2..=first.page_count {
        ids.extend(list(test, token, filter.clone(), JobSeekerSort::Name, page).rows.iter().map(|row| row.id));
    }
    assert_eq!(ids.len() as u64, first.total, "the count agrees with the rows for {text:?}");
    ids
}

#[test]
fn the_search_reads_each_name_form_and_the_email_alone_and_follows_edits() {
    let (test, token) = signed_in();
    let id = list(&test, &token, offer(), JobSeekerSort::Name, 1).rows[0].id;
    let mut profile = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail").profile;
    profile.first_name = "Quillon".into();
    profile.last_name = "Zephyrine".into();
    profile.email = "qz.candidate@mail.example".into();
    test.call(&token, &UpdateProfileRequest { id, profile: profile.clone() }).expect("save");

    for text in ["quillon zephyrine", "ZEPHYRINE, Quillon", "lon zeph", "ne, qu", "qz.candidate@mail", "le"] {
        assert!(found(&test, &token, text).contains(&id), "{text:?} finds the edited job seeker");
    }
    // Never across the boundary of the three: the end of one and the start of the next are not one text.
    for text in ["zephyrine quillon", "quillonqz", "zephyrineqz", "quillon zephyrine, quillon"] {
        assert!(!found(&test, &token, text).contains(&id), "{text:?} does not find them");
    }
    assert!(found(&test, &token, "quillon").contains(&id));

    // The old name no longer finds them; the new one again after a second edit.
    profile.first_name = "Orsolya".into();
    test.call(&token, &UpdateProfileRequest { id, profile }).expect("save");
    assert!(!found(&test, &token, "quillon").contains(&id));
    assert_eq!(found(&test, &token, "orsolya zephyrine"), vec![id]);
}

#[test]
fn counts_without_a_search_are_the_job_seekers_not_their_applications() {
    let (test, token) = signed_in();
    // Three job seekers at Offer apply to a second requisition as well (the same email adds an application).
    let requisitions = test.call(&token, &RequisitionChoicesRequest {}).expect("requisitions");
    for row in list(&test, &token, offer(), JobSeekerSort::Name, 1).rows.iter().take(3) {
        let profile = test.call(&token, &hiredesk_wire::JobSeekerRequest { id: row.id }).expect("detail").profile;
        let other = requisitions.iter().find(|r| r.title != row.requisition).expect("another requisition");
        test.call(&token, &AddJobSeekerRequest { requisition_id: Some(other.id), profile }).expect("apply again");
    }
    // Every filter without a search is counted from the applications, where such a job seeker is there twice:
    // the count is still the rows over every page, each job seeker once.
    let mut filters = vec![JobSeekerFilter::default(), offer()];
    filters.extend(requisitions.iter().map(|r| JobSeekerFilter { requisition_id: Some(r.id), ..Default::default() }));
    for filter in filters {
        let first = list(&test, &token, filter.clone(), JobSeekerSort::Name, 1);
        let mut ids: Vec<i32> = Vec::new();
        for page in 1..=first.page_count {
            ids.extend(list(&test, &token, filter.clone(), JobSeekerSort::Name, page).rows.iter().map(|row| row.id));
        }
        assert_eq!(ids.len() as u64, first.total, "{filter:?}: the count is the rows");
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len() as u64, first.total, "{filter:?}: each job seeker once");
    }
    assert_eq!(list(&test, &token, JobSeekerFilter::default(), JobSeekerSort::Name, 1).total, 60);
}

#[test]
fn a_dense_first_page_and_sparse_later_pages_keep_one_order() {
    // With 90 job seekers at 10 a page, page 1 is read in order from the index (the list holds at least eight
    // times the rows up to its end) and later pages are found first and sorted: together, each job seeker once,
    // in order, in both sorts.
    let (test, token) = signed_in();
    let requisition = test.call(&token, &RequisitionChoicesRequest {}).expect("requisitions")[0].id;
    for n in 0..30 {
        let profile = hiredesk_wire::JobSeekerProfile {
            first_name: format!("Added{n:02}"),
            last_name: ["Abbott", "Zimmer", "moreno"][n % 3].into(),
            email: format!("added{n:02}@mail.example"),
            ..Default::default()
        };
        test.call(&token, &AddJobSeekerRequest { requisition_id: Some(requisition), profile }).expect("add");
    }
    let per_page =
        SavePreferencesRequest { records_per_page: Some(10), time_zone: None, observe_daylight_saving: None };
    test.call(&token, &per_page).expect("10 a page");
    for sort in [JobSeekerSort::Name, JobSeekerSort::LastActivity] {
        let first = list(&test, &token, JobSeekerFilter::default(), sort, 1);
        assert_eq!((first.total, first.page_count), (90, 9));
        let rows: Vec<_> =
            (1..=9).flat_map(|page| list(&test, &token, JobSeekerFilter::default(), sort, page).rows).collect();
        let mut ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 90, "{sort:?}: every job seeker once");
        if sort == JobSeekerSort::Name {
            let keys: Vec<(String, String, i32)> = rows
                .iter()
                .map(|row| {
                    let (first, last) = row.name.split_once(' ').expect("two names");
                    (last.to_lowercase(), first.to_lowercase(), row.id)
                })
                .collect();
            assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "in name order across pages");
        }
    }
}

#[test]
fn previous_and_next_walk_the_filtered_list_in_its_order() {
    let (test, token) = signed_in();
    // A stage (the index walk) and a search (the one pass over every job seeker), in both orders.
    let searched = JobSeekerFilter { search: "SON".into(), ..JobSeekerFilter::default() };
    for filter in [offer(), searched] {
        for sort in [JobSeekerSort::Name, JobSeekerSort::LastActivity] {
            let page = list(&test, &token, filter.clone(), sort, 1);
            assert!(page.page_count == 1 && page.total >= 6, "{filter:?}: one page of several");
            let expected: Vec<i32> = page.rows.iter().map(|row| row.id).collect();
            let mut walked = vec![expected[0]];
            loop {
                let current_id = *walked.last().expect("one");
                let request = NeighboursRequest { filter: filter.clone(), sort, current_id };
                let neighbours = test.call(&token, &request).expect("neighbours");
                assert_eq!(neighbours.position, Some(walked.len() as u64));
                assert_eq!(neighbours.total, page.total);
                if walked.len() > 1 {
                    assert_eq!(neighbours.previous, Some(walked[walked.len() - 2]));
                } else {
                    assert_eq!(neighbours.previous, None);
                }
                match neighbours.next {
                    Some(next) => walked.push(next),
                    None => break,
                }
            }
            assert_eq!(walked, expected, "{filter:?} {sort:?}");
        }
    }
}

#[test]
fn a_job_seeker_outside_a_searched_list_has_no_position_but_neighbours_in_it() {
    let (test, token) = signed_in();
    let everyone = list(&test, &token, JobSeekerFilter::default(), JobSeekerSort::Name, 1);
    let outside =
        everyone.rows.iter().find(|row| !row.name.to_lowercase().contains("son") && !row.email.contains("son"));
    let searched = JobSeekerFilter { search: "son".into(), ..JobSeekerFilter::default() };
    let in_list = list(&test, &token, searched.clone(), JobSeekerSort::Name, 1);
    let Some(outside) = outside else { panic!("the demo has a job seeker without \"son\"") };
    let request = NeighboursRequest { filter: searched, sort: JobSeekerSort::Name, current_id: outside.id };
    let neighbours = test.call(&token, &request).expect("neighbours");
    assert_eq!(neighbours.position, None);
    assert_eq!(neighbours.total, in_list.total);
    let ids: Vec<i32> = in_list.rows.iter().map(|row| row.id).collect();
    assert!(
        neighbours.next.is_none_or(|id| ids.contains(&id)) && neighbours.previous.is_none_or(|id| ids.contains(&id))
    );
    assert!(neighbours.next.is_some() || neighbours.previous.is_some());
}

fn history(test: &TestDesk, token: &str, request: &HistoryPageRequest) -> hiredesk_wire::HistoryPage {
    test.call(token, request).expect("history")
}

#[test]
fn a_profile_edit_is_one_history_entry_with_old_and_new_values() {
    let (test, token) = signed_in();
    let id = list(&test, &token, offer(), JobSeekerSort::Name, 1).rows[0].id;
    let detail = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail");
    let mut profile = detail.profile.clone();
    profile.phone = "(617) 555-0199".into();
    profile.city = "Cambridge".into();
    let before = test.history_count();
    let saved = test.call(&token, &UpdateProfileRequest { id, profile: profile.clone() }).expect("save");
    assert_eq!(saved.profile.phone, "(617) 555-0199");
    assert_eq!(test.history_count(), before + 1);

    let page = history(&test, &token, &HistoryPageRequest { job_seeker_id: id, ..Default::default() });
    let entry = &page.entries[0];
    assert_eq!(entry.user, RECRUITER);
    assert_eq!(entry.kind, "profile_edited");
    let phone = entry.changes.iter().find(|change| change.field == "Phone").expect("the phone change");
    assert_eq!((phone.old.as_str(), phone.new.as_str()), (detail.profile.phone.as_str(), "(617) 555-0199"));
    assert!(entry.changes.iter().any(|change| change.field == "City" && change.new == "Cambridge"));

    // Saving the same values again changes nothing and writes nothing.
    test.call(&token, &UpdateProfileRequest { id, profile: profile.clone() }).expect("save");
    assert_eq!(test.history_count(), before + 1);

    // A refused edit writes nothing either, and says which field.
    profile.email = "not an email".into();
    let refused = test.call(&token, &UpdateProfileRequest { id, profile }).expect_err("refused");
    let CoreError::User(error) = refused else { panic!("a field error") };
    assert_eq!(error.field("email"), Some("Enter an email address like name@example.com."));
    assert_eq!(test.history_count(), before + 1);
}

#[test]
fn stage_and_disposition_changes_are_logged_with_the_requisition() {
    let (test, token) = signed_in();
    let id = list(&test, &token, offer(), JobSeekerSort::Name, 1).rows[0].id;
    let detail = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail");
    let application = &detail.applications[0];
    let before = test.history_count();
    let hired = SetStageRequest {
        application_id: application.id,
        stage: Stage::Hired,
        disposition: Some("Accepted offer".into()),
    };
    let after = test.call(&token, &hired).expect("stage");
    assert_eq!(after.applications[0].stage, Stage::Hired);
    assert_eq!(test.history_count(), before + 1, "stage and disposition together: one entry");

    let page = history(&test, &token, &HistoryPageRequest { job_seeker_id: id, ..Default::default() });
    assert_eq!(page.entries[0].kind, "stage_changed");
    assert_eq!(page.entries[0].summary, format!("Stage changed from Offer to Hired for {}", application.requisition));
    assert_eq!(page.entries[0].requisition.as_deref(), Some(application.requisition.as_str()));
    assert_eq!(page.entries[0].changes.len(), 2);

    let unknown = SetStageRequest { disposition: Some("Eaten by a grue".into()), ..hired.clone() };
    assert_eq!(test.call(&token, &unknown).expect_err("refused").kind(), ErrorKind::Validation);
    let missing = SetStageRequest { application_id: 999_999, ..hired };
    assert_eq!(test.call(&token, &missing).expect_err("gone").kind(), ErrorKind::NotFound);
    assert_eq!(test.history_count(), before + 1);
}

#[test]
fn history_pages_are_stable_while_new_entries_arrive_and_filter_by_kind() {
    let (test, token) = signed_in();
    let id = list(&test, &token, offer(), JobSeekerSort::Name, 1).rows[0].id;
    let application = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail").applications[0].id;
    let demo_entries = {
        let mut conn = test.raw();
        use diesel::prelude::*;
        use hiredesk_core::db::schema::history;
        history::table.filter(history::job_seeker_id.eq(id)).count().get_result::<i64>(&mut conn).expect("count")
            as usize
    };
    // 45 stage changes, a minute apart: three pages of 20 with the demo's entries.
    let stages = [Stage::Interview, Stage::Offer, Stage::Screening];
    for round in 0..45 {
        test.advance(Duration::minutes(1));
        let request = SetStageRequest { application_id: application, stage: stages[round % 3], disposition: None };
        test.call(&token, &request).expect("stage");
    }
    let all = |test: &TestDesk| {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = history(test, &token, &HistoryPageRequest { job_seeker_id: id, after, ..Default::default() });
            assert!(page.entries.len() <= 20);
            seen.extend(page.entries.iter().map(|entry| entry.id));
            match page.next {
                Some(next) => after = Some(next),
                None => return seen,
            }
        }
    };
    let first = history(&test, &token, &HistoryPageRequest { job_seeker_id: id, ..Default::default() });
    // New entries arrive between page 1 and page 2.
    for _ in 0..5 {
        test.advance(Duration::minutes(1));
        let request = SetStageRequest { application_id: application, stage: Stage::Offer, disposition: None };
        let _ = test.call(&token, &request);
        let request = SetStageRequest { application_id: application, stage: Stage::Interview, disposition: None };
        test.call(&token, &request).expect("stage");
    }
    let second =
        history(&test, &token, &HistoryPageRequest { job_seeker_id: id, after: first.next, ..Default::default() });
    let first_ids: Vec<i64> = first.entries.iter().map(|entry| entry.id).collect();
    assert_eq!(second.entries[0].id, first_ids[19] - 1, "page 2 continues exactly where page 1 ended");
    assert!(second.entries.iter().all(|entry| !first_ids.contains(&entry.id)), "no entry twice");

    let everything = all(&test);
    let mut sorted = everything.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(everything, sorted, "newest first, nothing skipped or repeated");
    assert_eq!(everything.len(), demo_entries + 45 + 10);

    let applied = history(
        &test,
        &token,
        &HistoryPageRequest { job_seeker_id: id, kind: Some("applied".into()), ..Default::default() },
    );
    assert_eq!(applied.entries.len(), 1);
    assert_eq!(applied.entries[0].kind_label, "Application");
    assert!(applied.kinds.iter().any(|kind| kind.kind == "stage_changed"));
    let elsewhere = HistoryPageRequest { job_seeker_id: id, requisition_id: Some(-1), ..Default::default() };
    assert!(history(&test, &token, &elsewhere).entries.is_empty());
}

/// Makes the database refuse History lines of one kind, as a full disk or a bug would.
fn refuse_history(test: &TestDesk, kind: &str) {
    let refusal = if test.on_postgres() {
        format!(
            "CREATE FUNCTION refuse_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'no room for history'; END $$;
             CREATE TRIGGER refuse_{kind} BEFORE INSERT ON history
             FOR EACH ROW WHEN (NEW.kind = '{kind}') EXECUTE FUNCTION refuse_{kind}();"
        )
    } else {
        format!(
            "CREATE TRIGGER refuse_{kind} BEFORE INSERT ON history WHEN NEW.kind = '{kind}'
             BEGIN SELECT RAISE(ABORT, 'no room for history'); END"
        )
    };
    diesel::connection::SimpleConnection::batch_execute(&mut test.raw(), &refusal).expect("trigger");
}

#[test]
fn a_change_whose_history_entry_cannot_be_written_is_not_made() {
    let (test, token) = signed_in();
    let id = list(&test, &token, offer(), JobSeekerSort::Name, 1).rows[0].id;
    let detail = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail");
    refuse_history(&test, "stage_changed");
    let request = SetStageRequest { application_id: detail.applications[0].id, stage: Stage::Hired, disposition: None };
    let error = test.call(&token, &request).expect_err("the history line fails");
    assert_eq!(error.kind(), ErrorKind::Internal);
    let after = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail");
    assert_eq!(after.applications[0].stage, Stage::Offer, "the change was rolled back with its history line");

    // The same holds for a profile edit whose entry fails.
    refuse_history(&test, "profile_edited");
    let mut profile = detail.profile.clone();
    profile.city = "Springfield".into();
    test.call(&token, &UpdateProfileRequest { id, profile }).expect_err("fails");
    let after = test.call(&token, &hiredesk_wire::JobSeekerRequest { id }).expect("detail");
    assert_eq!(after.profile.city, detail.profile.city);
}

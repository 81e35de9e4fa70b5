//! Moving a whole database between the solo SQLite file and a team's PostgreSQL database (issue 12), both ways:
//! the demo data after some use and seeded data go solo -> team -> solo and come back the same in every table, as
//! SQLite itself compares them; the team database then serves the app as the application's role; a target that
//! holds data and a copy that differs from its source are refused with nothing kept; the solo file's bytes do not
//! change; and every table the databases list is moved, after the tables its foreign keys point at.
//!
//! The moves need PostgreSQL: they run when `HIREDESK_TEST_POSTGRES` names a server (CI's PostgreSQL pass of the
//! core suite) and otherwise say so and return. The module needs the core's `postgres` feature.
#![cfg(feature = "postgres")]

use crate::common;

use chrono::{DateTime, Utc};
use common::postgres::{TeamDatabase, APP_ROLE, SERVER_VARIABLE};
use common::TestDesk;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use hiredesk_core::db::transfer::{self, Difference, TransferError, Verified, TABLES};
use hiredesk_core::db::{self, DbConn, Location, DATABASE_FILE};
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::{demo, Hiredesk, HiredeskConfig};
use hiredesk_wire::{
    CurrentUserRequest, HistoryPageRequest, JobSeekerFilter, JobSeekerListRequest, JobSeekerRequest, KeepDraftRequest,
    KeptDraft, OfferAction, OfferActionRequest, OfferTabRequest, QuestionChange, SaveNoteRequest, SaveOfferRequest,
    SaveSecurityQuestionsRequest, SignInRequest, Stage,
};
use std::path::Path;
use std::sync::Arc;

const MARIA: &str = "maria.alvarez@northwind.example";
/// The password `TestDesk::first_sign_in` changes the initial one to.
const CHANGED_PASSWORD: &str = "copper lantern meadow fifty";

/// A fresh, prepared PostgreSQL database for the move, or `None` (said on stderr) when this run has no server.
fn team_database(test: &str) -> Option<TeamDatabase> {
    let team = TeamDatabase::for_this_run();
    if team.is_none() {
        eprintln!("{test}: skipped, it moves data to PostgreSQL and {SERVER_VARIABLE} names no server");
    }
    team
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Pair {
    #[diesel(sql_type = Text)]
    child: String,
    #[diesel(sql_type = Text)]
    parent: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut SqliteConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap_or_else(|error| panic!("{sql}: {error}")).n
}

/// The application's tables a solo file lists (SQLite's own, Diesel's migrations table and the full-text
/// indexes aside).
fn sqlite_tables(conn: &mut SqliteConnection) -> Vec<String> {
    let sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
               AND name <> '__diesel_schema_migrations' AND name NOT GLOB '*_fts' AND name NOT GLOB '*_fts_*'
               ORDER BY name";
    diesel::sql_query(sql).load::<Name>(conn).expect("tables").into_iter().map(|table| table.name).collect()
}

fn solo_file(path: &Path) -> SqliteConnection {
    SqliteConnection::establish(&path.to_string_lossy()).expect("the solo file")
}

/// Every table of two solo files compared by SQLite itself: as many rows, and no row of one missing from the
/// other (every column, by value and type).
fn assert_same_rows(original: &Path, copy: &Path) {
    let mut conn = solo_file(original);
    conn.batch_execute(&format!("ATTACH DATABASE '{}' AS copy", copy.display())).expect("attach the copy");
    let tables = sqlite_tables(&mut conn);
    assert_eq!(tables.len(), TABLES.len(), "{tables:?}");
    for table in tables {
        let rows = count(&mut conn, &format!("SELECT COUNT(*) AS n FROM main.{table}"));
        assert_eq!(count(&mut conn, &format!("SELECT COUNT(*) AS n FROM copy.{table}")), rows, "rows of {table}");
        for (from, to) in [("main", "copy"), ("copy", "main")] {
            let sql =
                format!("SELECT COUNT(*) AS n FROM (SELECT * FROM {from}.{table} EXCEPT SELECT * FROM {to}.{table})");
            assert_eq!(count(&mut conn, &sql), 0, "rows of {from}.{table} missing from {to}.{table}");
        }
    }
}

/// The rows `verified` reports for `table`.
fn rows(verified: &Verified, table: &str) -> i64 {
    verified.tables.iter().find(|rows| rows.table == table).unwrap_or_else(|| panic!("{table} reported")).rows
}

/// The core on the team database, as the application's role, with a clock at `now`.
fn team_desk(team: &TeamDatabase, folder: &Path, now: DateTime<Utc>) -> Hiredesk {
    let mut config = HiredeskConfig::new(folder);
    config.database_url = Some(team.app_url());
    config.clock = Arc::new(move || now);
    Hiredesk::open(&config).expect("the team database opens as the application's role")
}

/// Uses the demo a little, so that every table has rows: a sign-in with a password change (sessions, password
/// history, History), security questions, a note, a task and a kept draft, an offer generated and sent (offers,
/// events, the outbox), another offer sent for approval (its steps) and the notices then due. Returns the token
/// and the job seeker at stage Offer.
fn use_the_demo(solo: &TestDesk) -> (String, i32) {
    let token = solo.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);
    let questions = SaveSecurityQuestionsRequest {
        slots: vec![
            QuestionChange::Set { question: "What was the name of your first pet?".into(), answer: "Rex".into() },
            QuestionChange::Set { question: "In what city were you born?".into(), answer: "Providence".into() },
            QuestionChange::Set { question: "Who taught you to sail?".into(), answer: "Aunt Margit".into() },
        ],
    };
    solo.call(&token, &questions).expect("security questions");
    // Someone tries an email that has no account: its failure is counted too.
    let guess = SignInRequest { email: "nobody@northwind.example".into(), password: "a guess".into() };
    solo.call_public(&guess).expect_err("no such account");
    let request = JobSeekerListRequest {
        filter: JobSeekerFilter { stage: Some(Stage::Offer), ..Default::default() },
        ..Default::default()
    };
    let at_offer = solo.call(&token, &request).expect("list").rows;
    let application_at_offer = |job_seeker: i32| {
        let detail = solo.call(&token, &JobSeekerRequest { id: job_seeker }).expect("detail");
        detail.applications.into_iter().find(|application| application.stage == Stage::Offer).expect("at Offer")
    };
    let job_seeker = at_offer[0].id;
    let application = application_at_offer(job_seeker);
    let note = |text: &str, due: &str| SaveNoteRequest {
        id: None,
        application_id: application.id,
        text: text.into(),
        is_task: !due.is_empty(),
        due_date: due.into(),
        client_key: None,
        written_at: None,
    };
    solo.call(&token, &note("Called about the \"start date\"; prefers January", "")).expect("note");
    solo.call(&token, &note("Check references", "11/30/2026")).expect("task");
    let draft = KeptDraft {
        job_seeker_id: job_seeker,
        application_id: application.id,
        note_id: None,
        text: "Half-written".into(),
        is_task: false,
        due_date: String::new(),
    };
    solo.call(&token, &KeepDraftRequest(Some(draft))).expect("keep a draft");

    let tab = solo.call(&token, &OfferTabRequest { application_id: application.id }).expect("offer tab");
    let part_time = tab.templates.iter().find(|(_, name)| name == "Hourly Part-Time Offer").expect("template").0;
    let values = [
        ("hourly_rate", "$24.50"),
        ("hours_per_week", "20"),
        ("work_schedule", "Mon, Wed, Fri 8 am – 3 pm"),
        ("start_date", "January 5, 2027"),
        ("response_deadline", "December 4, 2026"),
    ];
    let save = SaveOfferRequest {
        application_id: application.id,
        template_id: part_time,
        values: values.iter().map(|(tag, value)| ((*tag).to_owned(), (*value).to_owned())).collect(),
        expires_on: String::new(),
    };
    let offer = solo.call(&token, &save).expect("generate").offer.expect("offer").id;
    solo.call(&token, &OfferActionRequest { offer_id: offer, action: OfferAction::Send }).expect("send");
    // A second job seeker's offer on the template that needs the Administrator's approval: its approval steps.
    let application = application_at_offer(at_offer[1].id);
    let values = [("salary", "$82,000"), ("start_date", "January 4, 2027"), ("response_deadline", "December 4, 2026")];
    let save = SaveOfferRequest {
        application_id: application.id,
        template_id: tab.templates.iter().find(|(_, name)| name == "Full-Time Offer").expect("template").0,
        values: values.iter().map(|(tag, value)| ((*tag).to_owned(), (*value).to_owned())).collect(),
        expires_on: String::new(),
    };
    let offer = solo.call(&token, &save).expect("generate").offer.expect("offer").id;
    let approval = OfferActionRequest { offer_id: offer, action: OfferAction::RequestApproval };
    solo.call(&token, &approval).expect("request approval");
    solo.desk.deliver_notices().expect("notices");
    (token, job_seeker)
}

#[test]
fn the_demo_after_some_use_moves_to_a_team_and_back_unchanged_and_the_team_can_work_on() {
    let Some(team) = team_database("the_demo_after_some_use_moves_to_a_team_and_back") else { return };
    let solo = TestDesk::solo(true);
    let (token, job_seeker) = use_the_demo(&solo);
    let now = solo.now();
    let TestDesk { desk, dir, .. } = solo;
    // Closed, as the move asks: the last connection folds the write-ahead log into the file.
    drop(desk);
    let file = dir.path().join(DATABASE_FILE);
    let (last_note, last_entry) = {
        let mut conn = solo_file(&file);
        (count(&mut conn, "SELECT MAX(id) AS n FROM notes"), count(&mut conn, "SELECT MAX(id) AS n FROM history"))
    };
    let bytes = std::fs::read(&file).expect("the solo file");

    let moved = transfer::to_team(dir.path(), &team.owner_url(), APP_ROLE).expect("moved to the team");
    let empty: Vec<&str> = moved.tables.iter().filter(|rows| rows.rows == 0).map(|rows| rows.table).collect();
    assert!(empty.is_empty(), "every table has rows to move, but not {empty:?}");
    assert_eq!(moved.tables.iter().map(|rows| rows.table).collect::<Vec<_>>(), TABLES);

    let back = tempfile::tempdir().expect("folder");
    let returned = transfer::to_solo(&team.app_url(), back.path()).expect("moved back to solo");
    assert_eq!(returned, moved, "the same counts and History checksum both ways");
    assert_eq!(std::fs::read(&file).expect("the solo file"), bytes, "the solo file was only read");
    assert_same_rows(&file, &back.path().join(DATABASE_FILE));

    // The team works on where the solo desk stopped, as the application's role: the session goes on, History reads
    // as it was, and new rows take ids past the copied ones (the sequences were moved on).
    let desk = team_desk(&team, dir.path(), now);
    desk.call(&token, &CurrentUserRequest {}).expect("the solo session goes on in the team database");
    let request = HistoryPageRequest { job_seeker_id: job_seeker, kind: None, requisition_id: None, after: None };
    let page = desk.call(&token, &request).expect("History");
    assert!(page.entries.iter().any(|entry| entry.summary.contains("Hourly Part-Time Offer")), "{:?}", page.entries);
    let token = desk
        .call_public(&SignInRequest { email: MARIA.into(), password: CHANGED_PASSWORD.into() })
        .expect("sign in to the team database")
        .token;
    let application = desk.call(&token, &JobSeekerRequest { id: job_seeker }).expect("detail").applications[0].id;
    let note =
        SaveNoteRequest { id: None, application_id: application, text: "Now in team mode".into(), ..empty_note() };
    let saved = desk.call(&token, &note).expect("a new note in the team database");
    assert!(i64::from(saved.id) > last_note, "note {} comes after the copied notes", saved.id);
    let newest = desk.call(&token, &request).expect("History").entries.remove(0);
    assert!(newest.id > last_entry && newest.user == MARIA, "{newest:?} comes after the copied History");
}

fn empty_note() -> SaveNoteRequest {
    SaveNoteRequest {
        id: None,
        application_id: 0,
        text: String::new(),
        is_task: false,
        due_date: String::new(),
        client_key: None,
        written_at: None,
    }
}

/// The instant the seeded data and the team's clock agree on.
fn seeded_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T17:00:00Z").expect("instant").with_timezone(&Utc)
}

#[test]
fn seeded_data_moves_to_a_team_and_back_unchanged_in_batches() {
    let Some(team) = team_database("seeded_data_moves_to_a_team_and_back") else { return };
    let dir = tempfile::tempdir().expect("folder");
    let options =
        SeedOptions { requisitions: 20, job_seekers: 2_000, history: 20_000, busy_history: 2_000, notes: 2_000 };
    let busy = {
        let pool = db::open(&Location::in_data_dir(dir.path())).expect("solo database");
        let mut conn = db::connection(&pool).expect("connection");
        seed::seed(&mut conn, &options, seeded_now()).expect("seeded").busy_job_seeker_id
    };

    let moved = transfer::to_team(dir.path(), &team.owner_url(), APP_ROLE).expect("moved to the team");
    // More rows than one INSERT takes, in the tables that have most.
    assert!(rows(&moved, "history") >= 20_000 && rows(&moved, "application_forms") > 2_000, "{moved:?}");
    let back = tempfile::tempdir().expect("folder");
    let returned = transfer::to_solo(&team.owner_url(), back.path()).expect("moved back to solo");
    assert_eq!(returned, moved);
    assert_same_rows(&dir.path().join(DATABASE_FILE), &back.path().join(DATABASE_FILE));

    let desk = team_desk(&team, dir.path(), seeded_now());
    let sign_in =
        SignInRequest { email: seed::ADMINISTRATOR_EMAIL.into(), password: seed::ADMINISTRATOR_PASSWORD.into() };
    let token = desk.call_public(&sign_in).expect("the seeded administrator signs in to the team").token;
    let request = HistoryPageRequest { job_seeker_id: busy, kind: None, requisition_id: None, after: None };
    let page = desk.call(&token, &request).expect("the busiest job seeker's History");
    assert!(!page.entries.is_empty() && page.next.is_some(), "pages of History");
}

#[test]
fn a_team_database_that_holds_data_and_a_solo_database_that_exists_are_refused() {
    let Some(team) = team_database("a_team_database_that_holds_data_is_refused") else { return };
    let solo = TestDesk::solo(true);
    let TestDesk { desk, dir, .. } = solo;
    drop(desk);
    let moved = transfer::to_team(dir.path(), &team.owner_url(), APP_ROLE).expect("moved to the team");

    let refused = transfer::to_team(dir.path(), &team.owner_url(), APP_ROLE).expect_err("not into a team's data");
    let TransferError::TargetNotEmpty { tables, .. } = &refused else { panic!("{refused}") };
    assert!(tables.iter().any(|table| table == "history") && tables.iter().any(|table| table == "users"), "{tables:?}");
    assert!(refused.to_string().contains("already holds data"), "{refused}");
    let mut owner = team.raw();
    use hiredesk_core::db::schema::history;
    let entries: i64 = history::table.count().get_result(&mut owner).expect("count");
    assert_eq!(entries, rows(&moved, "history"), "nothing was added");

    let file = dir.path().join(DATABASE_FILE);
    let bytes = std::fs::read(&file).expect("the solo file");
    let refused = transfer::to_solo(&team.app_url(), dir.path()).expect_err("not over a solo database");
    assert!(matches!(&refused, TransferError::SoloDatabaseExists(path) if *path == file), "{refused}");
    assert_eq!(std::fs::read(&file).expect("the solo file"), bytes, "the solo database was left as it was");

    // A table this version does not know would be left behind: refused before anything is written.
    if let DbConn::Postgres(owner) = &mut owner {
        owner.batch_execute("CREATE TABLE candidate_ratings (id INTEGER)").expect("a table of a newer version");
    }
    let elsewhere = tempfile::tempdir().expect("folder");
    let refused = transfer::to_solo(&team.owner_url(), elsewhere.path()).expect_err("an unknown table");
    assert!(
        matches!(&refused, TransferError::UnknownTables { tables, .. } if tables == &["candidate_ratings"]),
        "{refused}"
    );
    assert!(!elsewhere.path().join(DATABASE_FILE).exists(), "no solo file was made");
}

#[test]
fn a_copy_that_differs_from_its_source_is_rolled_back_and_the_target_left_empty() {
    let Some(team) = team_database("a_copy_that_differs_is_rolled_back") else { return };
    let solo = TestDesk::solo(true);
    let TestDesk { desk, dir, .. } = solo;
    drop(desk);
    // The target's own triggers spoil the copy as a faulty disk or driver might: one History entry altered on its
    // way in, another lost.
    let spoil = "
        CREATE FUNCTION spoil_history() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id = 2 THEN RETURN NULL; END IF;
            IF NEW.id = 1 THEN NEW.summary := NEW.summary || ' (altered)'; END IF;
            RETURN NEW;
        END;
        $$;
        CREATE TRIGGER spoil_history BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION spoil_history();";
    let mut owner = team.raw();
    let DbConn::Postgres(pg) = &mut owner else { panic!("a PostgreSQL connection") };
    pg.batch_execute(spoil).expect("spoiling triggers");

    let refused = transfer::to_team(dir.path(), &team.owner_url(), APP_ROLE).expect_err("a copy that differs");
    let TransferError::Mismatch(differences) = &refused else { panic!("{refused}") };
    let [Difference::Rows { table: "history", source, copy }, Difference::History { .. }] = differences.as_slice()
    else {
        panic!("History's rows and checksum differ, nothing else: {differences:?}")
    };
    assert_eq!(*copy, *source - 1, "one entry lost");
    assert!(refused.to_string().starts_with("the copy differs from its source"), "{refused}");

    use hiredesk_core::db::schema::{history, organisation, users};
    assert_eq!(history::table.count().get_result::<i64>(&mut owner).expect("count"), 0, "History rolled back");
    assert_eq!(users::table.count().get_result::<i64>(&mut owner).expect("count"), 0, "users rolled back");
    let name: String = organisation::table.select(organisation::name).first(&mut owner).expect("organisation");
    assert_eq!(name, "My organisation", "the migration's row is back");

    // Left empty indeed: without the triggers the same move goes through.
    let DbConn::Postgres(pg) = &mut owner else { panic!("a PostgreSQL connection") };
    pg.batch_execute("DROP TRIGGER spoil_history ON history").expect("drop the trigger");
    transfer::to_team(dir.path(), &team.owner_url(), APP_ROLE).expect("moved to the team");
}

#[test]
fn every_table_the_databases_list_is_moved_after_the_tables_its_foreign_keys_need() {
    let position = |table: &str| TABLES.iter().position(|listed| *listed == table);
    let mut listed = TABLES.to_vec();
    listed.sort_unstable();
    listed.dedup();
    assert_eq!(listed.len(), TABLES.len(), "no table twice");

    let dir = tempfile::tempdir().expect("folder");
    drop(db::open(&Location::in_data_dir(dir.path())).expect("a fresh solo database"));
    let mut conn = solo_file(&dir.path().join(DATABASE_FILE));
    assert_eq!(sqlite_tables(&mut conn), listed, "the tables the solo database lists are the tables moved");
    let references = "SELECT m.name AS child, f.\"table\" AS parent
                      FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'";
    let pairs = diesel::sql_query(references).load::<Pair>(&mut conn).expect("foreign keys");
    assert!(pairs.len() > 20, "the solo database's foreign keys");
    for pair in pairs {
        assert!(position(&pair.parent) < position(&pair.child), "{} is moved before {}", pair.parent, pair.child);
    }

    let Some(team) = team_database("every_table_the_databases_list_is_moved (the PostgreSQL half)") else { return };
    let DbConn::Postgres(mut pg) = team.raw() else { panic!("a PostgreSQL connection") };
    let tables = "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'
                  AND table_type = 'BASE TABLE' AND table_name <> '__diesel_schema_migrations' ORDER BY 1";
    let names: Vec<String> =
        diesel::sql_query(tables).load::<Name>(&mut pg).expect("tables").into_iter().map(|t| t.name).collect();
    assert_eq!(names, listed, "the tables the team database lists are the tables moved");
    let references = "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
                      FROM pg_constraint WHERE contype = 'f'";
    let pairs = diesel::sql_query(references).load::<Pair>(&mut pg).expect("foreign keys");
    assert!(pairs.len() > 20, "the team database's foreign keys");
    for pair in pairs {
        assert!(position(&pair.parent) < position(&pair.child), "{} is moved before {}", pair.parent, pair.child);
    }
}

//! Upgrades: a database written by the first release is brought up to date with nothing lost, and a database
//! written by a newer version is refused and left exactly as it was.
//!
//! `fixtures/first-release.db` was written by the first release's own core (commit d67de04, migrations 000001
//! and 000002) through `fixtures/make-first-release.sh`: the demo organisation and one password change.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use hiredesk_core::{db, demo, CoreError, Hiredesk, HiredeskConfig};
use hiredesk_wire::{JobSeekerListRequest, SignInRequest};
use std::path::{Path, PathBuf};

const FIRST_RELEASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/first-release.db");
/// The password Maria Alvarez chose in the first release (see the fixture's script).
const MARIAS_FIRST_RELEASE_PASSWORD: &str = "first release lantern meadow";

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn number(conn: &mut SqliteConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Number>(conn).unwrap_or_else(|error| panic!("{sql}: {error}")).n
}

fn names(conn: &mut SqliteConnection, sql: &str) -> Vec<String> {
    let rows = diesel::sql_query(sql).load::<Name>(conn).unwrap_or_else(|error| panic!("{sql}: {error}"));
    rows.into_iter().map(|row| row.name).collect()
}

fn connect(path: &Path) -> SqliteConnection {
    SqliteConnection::establish(&path.to_string_lossy()).expect("a connection to the database file")
}

/// A data folder holding a copy of the first release's database.
fn first_release_data_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a data folder");
    let database = dir.path().join(db::DATABASE_FILE);
    std::fs::copy(FIRST_RELEASE, &database).expect("the fixture is copied");
    (dir, database)
}

#[test]
fn a_database_of_the_first_release_is_upgraded_with_nothing_lost() {
    let (dir, database) = first_release_data_dir();
    let mut before = connect(Path::new(FIRST_RELEASE));
    assert_eq!(
        names(&mut before, "SELECT version AS name FROM __diesel_schema_migrations ORDER BY version"),
        ["20261123000001", "20261123000002"],
        "the fixture was written by the first release's migrations and no others"
    );
    let old_tables = names(
        &mut before,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '__diesel_schema_migrations' ORDER BY name",
    );
    assert!(old_tables.len() >= 9, "the first release's tables: {old_tables:?}");
    assert!(number(&mut before, "SELECT COUNT(*) AS n FROM job_seekers") >= 60, "the demo's job seekers");
    assert!(number(&mut before, "SELECT COUNT(*) AS n FROM password_history") >= 1, "a changed password");
    drop(before);

    let desk = Hiredesk::open(&HiredeskConfig::new(dir.path())).expect("the first release's database opens");

    // Every row of every table the first release had is still there, column for column.
    let mut after = connect(&database);
    after
        .batch_execute(&format!("ATTACH DATABASE '{}' AS first_release", FIRST_RELEASE.replace('\'', "''")))
        .expect("the fixture is attached beside the upgraded copy");
    for table in &old_tables {
        let columns = names(&mut after, &format!("SELECT name FROM pragma_table_info('{table}', 'first_release')"));
        let columns = columns.iter().map(|column| format!("\"{column}\"")).collect::<Vec<_>>().join(", ");
        let old = number(&mut after, &format!("SELECT COUNT(*) AS n FROM first_release.\"{table}\""));
        let new = number(&mut after, &format!("SELECT COUNT(*) AS n FROM main.\"{table}\""));
        assert_eq!(new, old, "{table} has as many rows as before");
        let lost = number(
            &mut after,
            &format!(
                "SELECT COUNT(*) AS n FROM (SELECT {columns} FROM first_release.\"{table}\" \
                 EXCEPT SELECT {columns} FROM main.\"{table}\")"
            ),
        );
        assert_eq!(lost, 0, "every row of {table} is unchanged in every column it had");
    }
    // Every migration this build knows is applied now, the first release's among them.
    let applied = names(&mut after, "SELECT version AS name FROM main.__diesel_schema_migrations ORDER BY version");
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations/sqlite"))
        .expect("the migrations folder")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .count();
    assert_eq!(applied.len(), migrations, "{applied:?}");
    // The first release's applications got the standard forms that a later migration introduced.
    assert_eq!(
        number(&mut after, "SELECT COUNT(*) AS n FROM application_forms"),
        4 * number(&mut after, "SELECT COUNT(*) AS n FROM applications")
    );
    drop(after);

    // The passwords it stored still sign in: Maria's changed one at once, Dana's initial one with its change due.
    let maria = desk
        .call_public(&SignInRequest {
            email: "maria.alvarez@northwind.example".into(),
            password: MARIAS_FIRST_RELEASE_PASSWORD.into(),
        })
        .expect("Maria signs in with the password she chose in the first release");
    assert!(!maria.must_change_password);
    let dana = desk
        .call_public(&SignInRequest {
            email: "dana.whitfield@northwind.example".into(),
            password: demo::ADMINISTRATOR_PASSWORD.into(),
        })
        .expect("Dana signs in with her initial password");
    assert!(dana.must_change_password);
    // And today's features work on the upgraded data.
    let page = desk.call(&maria.token, &JobSeekerListRequest::default()).expect("the job seeker list");
    assert_eq!(page.total, demo::JOB_SEEKERS as u64, "every job seeker of the first release is listed");
    // The search indexes were built from what the first release wrote.
    let search = |query: &str| {
        let request = hiredesk_wire::SearchRequest { query: query.to_owned(), per_kind: None };
        desk.call(&maria.token, &request).expect("a search on the upgraded data")
    };
    let someone = &page.rows[0];
    let found = search(&someone.name);
    let first = found.groups.first().and_then(|group| group.hits.first()).expect("a hit");
    assert_eq!((first.kind, first.job_seeker_id), (hiredesk_wire::SearchKind::JobSeeker, someone.id));
    let history = search("applied");
    assert!(history.groups.iter().any(|group| group.kind == hiredesk_wire::SearchKind::History), "{history:?}");
}

#[test]
fn a_database_of_a_newer_version_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("a data folder");
    drop(Hiredesk::open(&HiredeskConfig::new(dir.path())).expect("a database of this version"));
    let database = dir.path().join(db::DATABASE_FILE);
    // What a later version's migration would leave: its version recorded, and something of its own.
    let mut newer = connect(&database);
    newer
        .batch_execute(
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('20991231000000'); \
             CREATE TABLE from_the_future (id INTEGER PRIMARY KEY NOT NULL); \
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .expect("a newer version's changes");
    drop(newer);
    let before = std::fs::read(&database).expect("the database file");

    let refused = Hiredesk::open(&HiredeskConfig::new(dir.path())).expect_err("a newer database is refused");
    let CoreError::Open(message) = refused else { panic!("refused as a database that cannot be opened: {refused}") };
    assert!(message.contains(&database.display().to_string()), "the message names the file: {message}");
    assert!(message.contains("newer version of Hiredesk"), "{message}");
    assert!(message.contains("20991231000000"), "the message names what it does not know: {message}");
    assert_eq!(std::fs::read(&database).expect("the database file"), before, "nothing was written");
}

//! The database itself: settings, append-only history, one history line per mutation, the demo data.

use crate::common;

use common::TestDesk;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};
use hiredesk_core::db::DbConn;
use hiredesk_core::demo;
use hiredesk_wire::{LoadDemoDataRequest, SignOutRequest};

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn number(conn: &mut DbConn, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Number>(conn).expect(sql).n
}

#[test]
fn wal_and_foreign_keys_are_on_for_pooled_connections() {
    let test = TestDesk::new(false);
    if test.on_postgres() {
        // SQLite's own settings; PostgreSQL always checks foreign keys and has no journal mode to choose.
        return;
    }
    let location = hiredesk_core::db::Location::in_data_dir(test.dir.path());
    let mut conn =
        hiredesk_core::db::open(&location).and_then(|pool| hiredesk_core::db::connection(&pool)).expect("conn");
    // A pragma answers in a column named after itself.
    #[derive(QueryableByName)]
    struct Mode {
        #[diesel(sql_type = Text)]
        journal_mode: String,
    }
    let mode = diesel::sql_query("PRAGMA journal_mode").get_result::<Mode>(&mut conn).expect("mode");
    assert_eq!(mode.journal_mode, "wal");
    #[derive(QueryableByName)]
    struct ForeignKeys {
        #[diesel(sql_type = Integer)]
        foreign_keys: i32,
    }
    let keys = diesel::sql_query("PRAGMA foreign_keys").get_result::<ForeignKeys>(&mut conn).expect("fk");
    assert_eq!(keys.foreign_keys, 1);
}

#[test]
fn history_refuses_update_and_delete() {
    let test = TestDesk::new(true);
    let mut conn = test.raw();
    assert!(number(&mut conn, "SELECT COUNT(*) AS n FROM history") > 0);
    let update = diesel::sql_query("UPDATE history SET summary = 'rewritten'").execute(&mut conn);
    let message = update.expect_err("update refused").to_string();
    assert!(message.contains("history is append-only"), "{message}");
    let delete = diesel::sql_query("DELETE FROM history").execute(&mut conn);
    assert!(delete.expect_err("delete refused").to_string().contains("history is append-only"));
    assert_eq!(
        number(&mut conn, "SELECT COUNT(*) AS n FROM history WHERE summary = 'rewritten'"),
        0,
        "nothing was changed"
    );
}

/// On a team's database the application connects as a role that may add to History but not change it, nor
/// take away what guards it: the triggers, the table, the migrations' record.
#[cfg(feature = "postgres")]
#[test]
fn the_application_role_cannot_rewrite_history_or_drop_its_guards() {
    let test = TestDesk::new(true);
    let Some(team) = &test.team else {
        // SQLite has no roles: whoever can write the file can change it (see ARCHITECTURE.md, Security model).
        return;
    };
    let mut app = DbConn::Postgres(PgConnection::establish(&team.app_url()).expect("as the app role"));
    for statement in [
        "UPDATE history SET summary = 'rewritten'",
        "DELETE FROM history",
        "TRUNCATE history",
        "DROP TRIGGER history_is_append_only_change ON history",
        "ALTER TABLE history DISABLE TRIGGER history_is_append_only_change",
        "DROP FUNCTION history_is_append_only() CASCADE",
        "DROP TABLE history",
        "DELETE FROM __diesel_schema_migrations",
    ] {
        let refused = diesel::sql_query(statement).execute(&mut app).expect_err(statement).to_string();
        assert!(refused.contains("permission denied") || refused.contains("must be owner"), "{statement}: {refused}");
    }
    let before = number(&mut test.raw(), "SELECT COUNT(*) AS n FROM history");
    assert!(before > 0);
    assert_eq!(number(&mut app, "SELECT COUNT(*) AS n FROM history WHERE summary = 'rewritten'"), 0);
}

/// A team's database that a newer Hiredesk migrated is refused, as a solo file is (tests/upgrade.rs).
#[cfg(feature = "postgres")]
#[test]
fn a_team_database_of_a_newer_version_is_refused() {
    let test = TestDesk::new(false);
    let Some(team) = &test.team else {
        return;
    };
    diesel::sql_query("INSERT INTO __diesel_schema_migrations (version) VALUES ('20991231000000')")
        .execute(&mut test.raw())
        .expect("a newer version's migration");
    let mut config = hiredesk_core::HiredeskConfig::new(test.dir.path());
    config.database_url = Some(team.app_url());
    let Err(hiredesk_core::CoreError::Open(message)) = hiredesk_core::Hiredesk::open(&config) else {
        panic!("a newer team database is refused");
    };
    assert!(message.contains("newer version of Hiredesk"), "{message}");
}

#[test]
fn the_demo_has_three_accounts_ten_requisitions_and_sixty_job_seekers_across_every_stage() {
    let test = TestDesk::new(true);
    let mut conn = test.raw();
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM users"), 3);
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM users WHERE must_change_password"), 3);
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM users WHERE role = 'Recruiter'"), 2);
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM requisitions"), 10);
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM job_seekers"), demo::JOB_SEEKERS as i64);
    assert_eq!(number(&mut conn, "SELECT COUNT(DISTINCT stage) AS n FROM applications"), 6);
    assert!(number(&mut conn, "SELECT COUNT(*) AS n FROM applications WHERE stage = 'Offer'") >= 5);
    assert_eq!(
        number(&mut conn, "SELECT COUNT(DISTINCT first_name || ' ' || last_name) AS n FROM job_seekers"),
        demo::JOB_SEEKERS as i64,
        "every demo job seeker has a name of their own"
    );
    // A lived-in history: every job seeker applied, most moved on, forms were completed on the way.
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM history WHERE kind = 'applied'"), demo::JOB_SEEKERS as i64);
    assert!(number(&mut conn, "SELECT COUNT(*) AS n FROM history WHERE kind = 'stage_changed'") >= 60);
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM history WHERE kind = 'demo_data_loaded'"), 1);
    assert_eq!(
        number(&mut conn, "SELECT COUNT(*) AS n FROM history WHERE at > (SELECT MAX(created_at) FROM users)"),
        0,
        "nothing lies after the moment the demo was loaded"
    );
    // Forms in several states: all four at Hired, the Background Check from Offer on, the application alone before.
    assert_eq!(number(&mut conn, "SELECT COUNT(*) AS n FROM application_forms"), 4 * demo::JOB_SEEKERS as i64);
    let completed = |stage: &str| {
        format!(
            "SELECT COUNT(*) AS n FROM application_forms f JOIN applications a ON a.id = f.application_id \
             WHERE a.stage = '{stage}' AND f.completed_at IS NOT NULL"
        )
    };
    assert_eq!(
        number(&mut conn, &completed("Hired")),
        4 * number(&mut conn, "SELECT COUNT(*) AS n FROM applications WHERE stage = 'Hired'")
    );
    assert_eq!(
        number(&mut conn, &completed("Offer")),
        2 * number(&mut conn, "SELECT COUNT(*) AS n FROM applications WHERE stage = 'Offer'")
    );
    assert_eq!(
        number(&mut conn, &completed("New")),
        number(&mut conn, "SELECT COUNT(*) AS n FROM applications WHERE stage = 'New'")
    );
    // Every application raised its "someone applies" event.
    assert_eq!(
        number(&mut conn, "SELECT COUNT(*) AS n FROM notification_events WHERE kind = 'someone_applies'"),
        demo::JOB_SEEKERS as i64
    );
}

#[test]
fn demo_data_goes_only_into_an_empty_installation() {
    let test = TestDesk::new(true);
    let before = test.history_count();
    let error = test.call_public(&LoadDemoDataRequest {}).expect_err("not twice");
    assert_eq!(error.kind(), hiredesk_wire::ErrorKind::Conflict);
    assert_eq!(test.history_count(), before);
}

#[test]
fn every_account_mutation_writes_exactly_one_history_line() {
    let test = TestDesk::new(false);
    let password = "velvet kettle orbit nineteen";
    test.call_public(&hiredesk_wire::CreateFirstAdministratorRequest {
        email: "ada@northwind.example".into(),
        first_name: "Ada".into(),
        last_name: "Byron".into(),
        password: password.into(),
        confirm_password: password.into(),
    })
    .expect("create");
    assert_eq!(test.history_count(), 1);
    let sign_in = hiredesk_wire::SignInRequest { email: "ada@northwind.example".into(), password: password.into() };
    let token = test.call_public(&sign_in).expect("sign in").token;
    assert_eq!(test.history_count(), 2);
    let wrong = hiredesk_wire::SignInRequest { password: "wrong wrong wrong".into(), ..sign_in };
    let _ = test.call_public(&wrong);
    assert_eq!(test.history_count(), 3);
    test.call(&token, &SignOutRequest {}).expect("sign out");
    assert_eq!(test.history_count(), 4);
    let mut conn = test.raw();
    let kinds: Vec<String> = hiredesk_core::db::schema::history::table
        .order(hiredesk_core::db::schema::history::id)
        .select(hiredesk_core::db::schema::history::kind)
        .load(&mut conn)
        .expect("kinds");
    assert_eq!(kinds, ["account_created", "signed_in", "sign_in_failed", "signed_out"]);
}

/// The permission bits of a file or folder.
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|error| panic!("{}: {error}", path.display())).permissions().mode() & 0o777
}

/// The database file and its WAL companions in a data folder.
#[cfg(unix)]
fn database_files(data_dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let file = hiredesk_core::db::DATABASE_FILE;
    ["", "-wal", "-shm"].iter().map(|suffix| data_dir.join(format!("{file}{suffix}"))).collect()
}

#[cfg(unix)]
#[test]
fn a_new_data_folder_and_its_database_files_are_for_their_owner_only() {
    // The solo file's own behaviour: a team's database lives on its server.
    let parent = tempfile::tempdir().expect("temporary folder");
    let data_dir = parent.path().join("Hiredesk").join("data");
    // Kept open: SQLite removes the WAL companions when the last connection closes.
    let _desk = hiredesk_core::Hiredesk::open(&hiredesk_core::HiredeskConfig::new(&data_dir)).expect("open");
    assert_eq!(mode(&data_dir), 0o700, "the data folder");
    let files = database_files(&data_dir);
    assert!(files.iter().all(|file| file.exists()), "WAL mode keeps all three: {files:?}");
    for file in files {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[cfg(unix)]
#[test]
fn an_existing_data_folder_open_to_all_is_tightened_at_start() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().expect("temporary folder");
    let data_dir = parent.path().join("data");
    let config = hiredesk_core::HiredeskConfig::new(&data_dir);
    // The first start stays open so that its WAL companions exist too, as they do after a crash.
    let _running = hiredesk_core::Hiredesk::open(&config).expect("the first start");
    // As an earlier version left them under umask 022.
    let open_to_all = |path: &std::path::Path, bits: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(bits)).expect("loosen");
    };
    open_to_all(&data_dir, 0o755);
    let files = database_files(&data_dir);
    assert!(files.iter().all(|file| file.exists()), "WAL mode keeps all three: {files:?}");
    for file in &files {
        open_to_all(file, 0o644);
    }
    let _next = hiredesk_core::Hiredesk::open(&config).expect("the next start");
    assert_eq!(mode(&data_dir), 0o700, "the data folder");
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
}

//! The schema is generated, not typed by hand: `crates/core/src/db/schema.rs` must be exactly what the real
//! `diesel print-schema` prints, with the settings and patch of `diesel.toml`, for a database the core migrated
//! from `migrations/`. A migration without a regenerated schema, or a hand edit, fails here with the command that
//! regenerates it. `cargo xtask test` installs diesel_cli at its pinned version first (xtask/src/setup.rs).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root, where `diesel.toml` is.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root")
}

/// How to get the CLI, for the message when it is missing.
const INSTALL: &str = "cargo install diesel_cli --version 2.3.14 --locked --no-default-features --features \
                       sqlite-bundled (or run `cargo xtask test`, which installs it)";

fn diesel(args: &[&str]) -> std::process::Output {
    Command::new("diesel")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|error| panic!("diesel_cli is needed for this test ({error}). Install it: {INSTALL}"))
}

#[test]
fn schema_rs_is_what_diesel_print_schema_gives_for_the_migrations() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // Migrated by the core itself, with the migrations it embeds: the schema the app really runs on. The pool is
    // dropped before the CLI reads the file.
    drop(hiredesk_core::db::open(&hiredesk_core::db::Location::in_data_dir(dir.path())).expect("migrated"));
    let database = dir.path().join(hiredesk_core::db::DATABASE_FILE);
    let config = root().join("diesel.toml");
    let (config, database) = (config.to_string_lossy(), database.to_string_lossy());
    let printed = diesel(&["print-schema", "--config-file", &config, "--database-url", &database]);
    let version =
        String::from_utf8_lossy(&diesel(&["--version"]).stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        printed.status.success(),
        "diesel print-schema failed ({version}): {}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let printed = String::from_utf8(printed.stdout).expect("UTF-8");
    let written = std::fs::read_to_string(root().join("crates/core/src/db/schema.rs")).expect("schema.rs");
    if printed != written {
        let line = printed
            .lines()
            .zip(written.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| printed.lines().count().min(written.lines().count()) + 1, |index| index + 1);
        panic!(
            "crates/core/src/db/schema.rs differs from what the migrations give, first at line {line}:\n  \
             generated: {:?}\n  in schema.rs: {:?}\nRegenerate it from the repository root (migrations/README.md; \
             {version}):\n  rm -f /tmp/schema.sqlite3 && diesel migration run --database-url /tmp/schema.sqlite3",
            printed.lines().nth(line - 1).unwrap_or("(end of file)"),
            written.lines().nth(line - 1).unwrap_or("(end of file)"),
        );
    }
}

/// A column as a backend describes it: table, column, type (in PostgreSQL's words), and whether it takes NULL.
type Column = (String, String, String, bool);

#[derive(diesel::QueryableByName)]
struct Described {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    data_type: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    nullable: bool,
}

/// The two backends' migrations are kept in step by hand (migrations/README.md): this holds them to the same
/// tables, columns, types and nullability, so a column added to one folder only fails here. It runs on the
/// PostgreSQL pass of the suite, against the same migrations the SQLite pass uses.
#[test]
fn both_backends_migrate_to_the_same_tables_columns_and_types() {
    use diesel::RunQueryDsl;
    let test = common::TestDesk::new(false);
    if !test.on_postgres() {
        eprintln!("both_backends_migrate_to_the_same_tables_columns_and_types: runs on the PostgreSQL pass");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let pool = hiredesk_core::db::open(&hiredesk_core::db::Location::in_data_dir(dir.path())).expect("SQLite");
    let mut sqlite = hiredesk_core::db::connection(&pool).expect("connection");
    // An INTEGER PRIMARY KEY is never NULL in SQLite, declared so or not.
    let on_sqlite: Vec<Described> = diesel::sql_query(
        "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type,
                (p.\"notnull\" = 0 AND p.pk = 0) AS nullable
         FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'
           AND m.name NOT GLOB '*_fts' AND m.name NOT GLOB '*_fts_*'",
    )
    .load(&mut *sqlite)
    .expect("SQLite's columns");
    let on_postgres: Vec<Described> = diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type,
                (is_nullable = 'YES') AS nullable
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
    )
    .load(&mut test.raw())
    .expect("PostgreSQL's columns");
    let in_postgres_words = |sqlite_type: &str| match sqlite_type.to_ascii_uppercase().as_str() {
        "INTEGER" => "integer",
        "BIGINT" => "bigint",
        "TEXT" => "text",
        "BOOLEAN" => "boolean",
        "REAL" | "DOUBLE" => "double precision",
        other => panic!("a SQLite column type this test does not know: {other}"),
    };
    let columns = |described: Vec<Described>, sqlite: bool| -> std::collections::BTreeSet<Column> {
        described
            .into_iter()
            .map(|column| {
                let data_type =
                    if sqlite { in_postgres_words(&column.data_type).to_owned() } else { column.data_type.clone() };
                (column.table_name, column.column_name, data_type, column.nullable)
            })
            .collect()
    };
    let (sqlite, postgres) = (columns(on_sqlite, true), columns(on_postgres, false));
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the backends' migrations differ:\n  only in migrations/sqlite: {only_sqlite:?}\n  \
         only in migrations/postgres: {only_postgres:?}"
    );
    assert!(sqlite.len() > 100, "every table was read ({} columns)", sqlite.len());
}

//! The schema is generated, not typed by hand: `crates/core/src/db/schema.rs` must be exactly what the real
//! `diesel print-schema` prints, with the settings and patch of `diesel.toml`, for a database the core migrated
//! from `migrations/`. A migration without a regenerated schema, or a hand edit, fails here with the command that
//! regenerates it. `cargo xtask test` installs diesel_cli at its pinned version first (xtask/src/setup.rs).

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
    drop(hiredesk_core::db::open(dir.path()).expect("migrated"));
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

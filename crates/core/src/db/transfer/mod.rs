//! Moving a whole Hiredesk database between the solo SQLite file and a team's PostgreSQL database, both ways:
//! [`to_team`] copies a data folder's SQLite file into an empty PostgreSQL database, [`to_solo`] copies a team's
//! database into a new SQLite file (for a team that goes back to solo, or an offline copy). Every table is copied
//! ([`TABLES`], each after the tables its foreign keys point at) with its ids and instants as they are, in batches,
//! so that a million History entries never sit in memory at once, and inside one transaction of the target. Before
//! that transaction commits, the row count of every table and a checksum of History (every column, in id order) are
//! read back from the copy and compared with the source's; when they differ, nothing is kept.
//!
//! The source is only read, and in one snapshot: the SQLite file through a read-only connection in one read
//! transaction, the PostgreSQL database in a read-only repeatable-read transaction. Not here: preparing a team
//! database ([`super::prepare_team`], which [`to_team`] calls), nor what the tables mean (each feature's module).
//! The figures compared before the commit, and how they are read, are in `verified.rs`.

mod verified;

use verified::{compare, history_checksum, verify};
pub use verified::{Difference, HistoryChecksum, TableRows, Verified};

use super::{prepare_team, schema, without_password, DATABASE_FILE, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::error::CoreError;
use diesel::connection::{DefaultLoadingMode, SimpleConnection};
use diesel::migration::MigrationSource;
use diesel::pg::{PgConnection, PgRowByRowLoadingMode};
use diesel::prelude::*;
use diesel::query_builder::SqlQuery;
use diesel::query_dsl::LoadQuery;
use diesel::sql_types::{BigInt, Bool, Integer, Nullable, SqlType, Text};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::EmbeddedMigrations;
use std::path::{Path, PathBuf};

/// Diesel's own table of applied migrations: not copied (each side has its backend's own migrations), but read to
/// check that the source is at this version's schema.
const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

/// The tables the migrations themselves fill with one row (the organisation's defaults, the empty mail settings).
/// A target holding only those rows is empty; the copy replaces them with the source's.
const FILLED_BY_MIGRATIONS: &[&str] = &["organisation", "mail_settings"];

/// Bound values per INSERT: below SQLite's limit (32,766) and PostgreSQL's (65,535) whatever the table.
const VALUES_PER_INSERT: usize = 30_000;
/// Rows per INSERT at most, so that a batch of long rows (a sent letter, a mail body) stays a few megabytes.
const ROWS_PER_INSERT: usize = 2_000;

/// The rows of one INSERT for a table of `columns` columns.
const fn batch_rows(columns: usize) -> usize {
    let rows = VALUES_PER_INSERT / columns;
    if rows < ROWS_PER_INSERT {
        rows
    } else {
        ROWS_PER_INSERT
    }
}

/// The Rust type a value of each SQL type of the schema travels in from one backend to the other. A migration
/// that brings a column of a new SQL type does not compile here until this says how that type travels.
trait Carried {
    type Value;
}

impl Carried for Integer {
    type Value = i32;
}

impl Carried for BigInt {
    type Value = i64;
}

impl Carried for Text {
    type Value = String;
}

impl Carried for Bool {
    type Value = bool;
}

impl<T: Carried + SqlType> Carried for Nullable<T> {
    type Value = Option<T::Value>;
}

/// The Rust type of a column's values.
type ValueOf<Column> = <<Column as Expression>::SqlType as Carried>::Value;

/// How one table is copied, each way.
struct TableCopy {
    name: &'static str,
    to_team: fn(&mut SqliteConnection, &mut PgConnection) -> QueryResult<()>,
    to_solo: fn(&mut PgConnection, &mut SqliteConnection) -> QueryResult<()>,
}

/// Lists every table with its columns, and makes of each a module that copies it both ways: rows read in primary
/// key order as a stream (SQLite steps its statement, PostgreSQL sends row by row), written in multi-row INSERTs.
/// Each table's list of columns is checked against the schema when this compiles, so a column added by a
/// migration (and so to `schema.rs`) cannot be left behind.
macro_rules! tables {
    ($($table:ident: $($column:ident),+;)+) => {
        /// Every table of a Hiredesk database, in the order they are copied: each after the tables its foreign
        /// keys point at. The migrations table is not among them.
        pub const TABLES: &[&str] = &[$(stringify!($table)),+];

        const COPIES: &[TableCopy] = &[
            $(TableCopy { name: stringify!($table), to_team: $table::to_team, to_solo: $table::to_solo }),+
        ];

        $(
            mod $table {
                use super::schema::$table as t;
                use diesel::prelude::*;

                /// One row, every column in the schema's order.
                pub(super) type Row = ($(super::ValueOf<t::$column>,)+);

                // The columns listed above are the schema's, all of them and in its order, or this does not
                // compile.
                const _: fn() = || {
                    let _: <t::table as Table>::AllColumns = ($(t::$column,)+);
                };

                const BATCH: usize = super::batch_rows([$(stringify!($column)),+].len());

                pub(super) fn to_team(
                    source: &mut diesel::SqliteConnection,
                    target: &mut diesel::PgConnection,
                ) -> QueryResult<()> {
                    let rows = t::table
                        .select(($(t::$column,)+))
                        .order(t::table.primary_key())
                        .load_iter::<Row, diesel::connection::DefaultLoadingMode>(source)?;
                    super::in_batches(rows, BATCH, |($($column,)+)| ($(t::$column.eq($column),)+), |batch| {
                        diesel::insert_into(t::table).values(batch).execute(target)
                    })
                }

                pub(super) fn to_solo(
                    source: &mut diesel::PgConnection,
                    target: &mut diesel::SqliteConnection,
                ) -> QueryResult<()> {
                    let rows = t::table
                        .select(($(t::$column,)+))
                        .order(t::table.primary_key())
                        .load_iter::<Row, diesel::pg::PgRowByRowLoadingMode>(source)?;
                    super::in_batches(rows, BATCH, |($($column,)+)| ($(t::$column.eq($column),)+), |batch| {
                        diesel::insert_into(t::table).values(batch).execute(target)
                    })
                }
            }
        )+
    };
}

tables! {
    users: id, email, first_name, last_name, phone, extension, role, password_hash, password_changed_at,
        must_change_password, failed_attempts, locked_until, created_at, is_active;
    unknown_email_failures: email, failed_attempts, locked_until;
    password_history: id, user_id, password_hash, created_at;
    user_preferences: user_id, time_zone, observe_daylight_saving, records_per_page, notify_requisition_closing,
        notify_someone_applies, notify_applies_daily, notify_background_check, notify_approval_steps;
    sessions: id, token_digest, user_id, created_at, last_seen_at;
    security_answers: user_id, slot, question, answer_hash;
    organisation: id, name, min_password_length, require_upper, require_lower, require_digit, require_symbol,
        password_expiry_days, password_reuse_count, lockout_attempts, lockout_minutes, idle_minutes,
        question_recovery, notify_requisition_closing, notify_someone_applies, notify_applies_daily,
        notify_background_check, notify_approval_steps;
    mail_settings: id, host, port, security, username, password, sender;
    requisitions: id, title, department, location, hiring_manager, closing_date, is_open, created_at;
    job_seekers: id, first_name, last_name, email, phone, address_line1, address_line2, city, state, postal_code,
        created_at, last_activity_at, search_text;
    applications: id, job_seeker_id, requisition_id, stage, disposition, recruiter_user_id, applied_at;
    application_forms: id, application_id, name, position, completed_at, completed_by_email;
    notification_events: id, kind, job_seeker_id, requisition_id, application_id, created_at, delivered_at;
    history: id, at, actor_user_id, actor_email, job_seeker_id, requisition_id, kind, summary, details;
    outbox: id, to_address, subject, text_body, html_body, job_seeker_id, user_id, created_at, status, attempts,
        next_attempt_at, last_error, sent_at, claimed_until, redacted_text_body;
    notices_sent: key, user_id, sent_at;
    team_notices: id, user_id, title, body, opens_job_seeker_id, opens_tab, created_at;
    notes: id, application_id, job_seeker_id, author_user_id, author_email, text, is_task, due_date, completed_at,
        created_at, updated_at, client_key;
    note_drafts: user_id, job_seeker_id, application_id, note_id, text, is_task, due_date, kept_at;
    offer_templates: id, name, subject, body, is_active, updated_at;
    offer_template_approvers: template_id, position, user_id;
    offers: id, application_id, job_seeker_id, template_id, version, status, tag_values, expires_on, sent_subject,
        sent_html, sent_text, outbox_id, status_at, status_by, created_by_user_id, created_at;
    offer_approvals: offer_id, position, user_id, approved_at;
    offer_events: id, offer_id, at, actor_user_id, actor_email, action, comment;
}

/// Writes `rows` in INSERTs of `size` rows; the last one takes what is left.
fn in_batches<Row, Values>(
    rows: impl Iterator<Item = QueryResult<Row>>,
    size: usize,
    values: impl Fn(Row) -> Values,
    mut insert: impl FnMut(Vec<Values>) -> QueryResult<usize>,
) -> QueryResult<()> {
    let mut batch = Vec::with_capacity(size);
    for row in rows {
        batch.push(values(row?));
        if batch.len() == size {
            insert(std::mem::replace(&mut batch, Vec::with_capacity(size)))?;
        }
    }
    if !batch.is_empty() {
        insert(batch)?;
    }
    Ok(())
}

/// Why a move did not happen. Whatever the reason, the source is as it was and the target holds nothing of it.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("there is no solo database at {}", .0.display())]
    NoSoloDatabase(PathBuf),
    #[error("{} already exists: a team database is copied into a new solo database only", .0.display())]
    SoloDatabaseExists(PathBuf),
    #[error(
        "the team database {location} already holds data (in {}): a solo database moves into an empty one only",
        .tables.join(", ")
    )]
    TargetNotEmpty { location: String, tables: Vec<String> },
    #[error("the database {location} is not at this version's schema: {problem}")]
    Schema { location: String, problem: SchemaProblem },
    #[error("the database {location} has tables this version of Hiredesk does not know and would not copy: {}",
        .tables.join(", "))]
    UnknownTables { location: String, tables: Vec<String> },
    #[error("the copy differs from its source, so nothing of it was kept: {}", listed(.0))]
    Mismatch(Vec<Difference>),
    #[error("could not connect to {location}: {source}")]
    Connect { location: String, source: ConnectionError },
    #[error("the new solo database {} could not be made: {source}", .path.display())]
    File { path: PathBuf, source: std::io::Error },
    #[error("{table} could not be copied: {source}")]
    Copy { table: &'static str, source: diesel::result::Error },
    #[error("the database could not be set up: {0}")]
    Migration(Box<dyn std::error::Error + Send + Sync>),
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
}

/// How a database's migrations differ from this version's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaProblem {
    #[error("it lacks migrations {}; open it once with this version of Hiredesk first", .0.join(", "))]
    Older(Vec<String>),
    #[error("it has migrations {} of a newer version of Hiredesk; move it with that version", .0.join(", "))]
    Newer(Vec<String>),
}

fn listed(differences: &[Difference]) -> String {
    differences.iter().map(Difference::to_string).collect::<Vec<_>>().join("; ")
}

/// Copies the solo database of `data_dir` into the empty PostgreSQL database at `owner_url` (a URL of the role
/// that owns it), which is first prepared for the application's role `app_role` ([`prepare_team`]). The SQLite
/// file is opened read-only and read in one snapshot; quit Hiredesk first, or what it writes afterwards stays in
/// the file only. Its bytes do not change; a read-only connection leaves SQLite's empty `-wal` and `-shm` files
/// beside it, which the next connection that may write removes when it closes.
pub fn to_team(data_dir: &Path, owner_url: &str, app_role: &str) -> Result<Verified, TransferError> {
    let file = data_dir.join(DATABASE_FILE);
    let solo = file.display().to_string();
    let team = without_password(owner_url);
    let mut source = open_read_only(&file)?;
    check_schema(&mut source, &SQLITE_MIGRATIONS, &solo)?;
    check_every_table_known(sqlite_tables(&mut source)?, &solo)?;
    let mut target = PgConnection::establish(owner_url)
        .map_err(|source| TransferError::Connect { location: team.clone(), source })?;
    // Before preparing it, so that a database in use is neither migrated nor granted to anyone by mistake.
    refuse_data(&mut target, &team)?;
    prepare_team(owner_url, app_role)?;
    source.transaction(|source| {
        target.transaction(|target| {
            // Once more inside the transaction: nobody may have written in between.
            refuse_data(target, &team)?;
            remove_rows_of_migrations(target)?;
            let expected = verify(source, |source| {
                history_checksum(
                    schema::history::table
                        .order(schema::history::id)
                        .load_iter::<history::Row, DefaultLoadingMode>(source)?,
                )
            })?;
            for table in COPIES {
                (table.to_team)(source, target).map_err(|source| TransferError::Copy { table: table.name, source })?;
            }
            set_identities_past_copied_ids(target)?;
            let copied = verify(target, |target| {
                history_checksum(
                    schema::history::table
                        .order(schema::history::id)
                        .load_iter::<history::Row, PgRowByRowLoadingMode>(target)?,
                )
            })?;
            compare(&expected, copied)
        })
    })
}

/// Copies the team database at `team_url` (any role that may read it) into a new solo database in `data_dir`,
/// which must not have one yet. On failure the new file is removed again.
pub fn to_solo(team_url: &str, data_dir: &Path) -> Result<Verified, TransferError> {
    let team = without_password(team_url);
    let mut source = PgConnection::establish(team_url)
        .map_err(|source| TransferError::Connect { location: team.clone(), source })?;
    check_schema(&mut source, &POSTGRES_MIGRATIONS, &team)?;
    check_every_table_known(postgres_tables(&mut source)?, &team)?;
    let file = data_dir.join(DATABASE_FILE);
    let new_file = |source| TransferError::File { path: file.clone(), source };
    super::private::private_folder(data_dir).map_err(new_file)?;
    // A database is never written over; nor is a write-ahead log left without its database, which SQLite would
    // read into the new file as if it were its own.
    for existing in [file.clone(), companion(&file, "-wal")] {
        if existing.exists() {
            return Err(TransferError::SoloDatabaseExists(existing));
        }
    }
    // Created here, exclusively, so that an existing database is never written over, even by a race.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // For its owner only, like every solo database (`db::private`); SQLite gives the companions the same mode.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(&file) {
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(TransferError::SoloDatabaseExists(file));
        }
        Err(error) => return Err(new_file(error)),
    }
    let copied = copy_to_solo(&mut source, &file);
    if copied.is_err() {
        // The file is ours and holds nothing that was kept; a failure to remove it leaves it for the user to see.
        for path in [companion(&file, "-wal"), companion(&file, "-shm"), file.clone()] {
            let _ = std::fs::remove_file(path);
        }
    }
    copied
}

/// The copy into the new, empty file `file`, whose connection is closed when this returns.
fn copy_to_solo(source: &mut PgConnection, file: &Path) -> Result<Verified, TransferError> {
    let mut target = SqliteConnection::establish(&file.to_string_lossy())
        .map_err(|source| TransferError::Connect { location: file.display().to_string(), source })?;
    // As `db::migrate` and the pool's connections do: WAL for the file, foreign keys checked while copying.
    target.batch_execute("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")?;
    diesel_migrations::MigrationHarness::run_pending_migrations(&mut target, SQLITE_MIGRATIONS)
        .map_err(TransferError::Migration)?;
    source.build_transaction().repeatable_read().read_only().run(|source| {
        target.immediate_transaction(|target| {
            remove_rows_of_migrations(target)?;
            let expected = verify(source, |source| {
                history_checksum(
                    schema::history::table
                        .order(schema::history::id)
                        .load_iter::<history::Row, PgRowByRowLoadingMode>(source)?,
                )
            })?;
            for table in COPIES {
                (table.to_solo)(source, target).map_err(|source| TransferError::Copy { table: table.name, source })?;
            }
            let copied = verify(target, |target| {
                history_checksum(
                    schema::history::table
                        .order(schema::history::id)
                        .load_iter::<history::Row, DefaultLoadingMode>(target)?,
                )
            })?;
            compare(&expected, copied)
        })
    })
}

/// `hiredesk.sqlite3-wal` beside `hiredesk.sqlite3`.
fn companion(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The solo file, opened so that this connection cannot write it: SQLite's `mode=ro`, and `query_only` as well.
fn open_read_only(file: &Path) -> Result<SqliteConnection, TransferError> {
    if !file.is_file() {
        return Err(TransferError::NoSoloDatabase(file.to_owned()));
    }
    let mut conn = SqliteConnection::establish(&read_only_uri(file))
        .map_err(|source| TransferError::Connect { location: file.display().to_string(), source })?;
    conn.batch_execute("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;")?;
    Ok(conn)
}

/// A `file:` URI of `file` opened read-only. Diesel opens SQLite with URIs enabled; characters that mean something
/// in a URI (`?`, `#`, `%`, spaces …) are percent-encoded, and a Windows drive (`C:`) gets the slash it needs.
fn read_only_uri(file: &Path) -> String {
    use std::fmt::Write;
    let path = file.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if path.as_bytes().get(1) == Some(&b':') {
        uri.push('/');
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b':' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(byte));
            }
            _ => {
                let _ = write!(uri, "%{byte:02X}");
            }
        }
    }
    uri.push_str("?mode=ro");
    uri
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// `"name"`: an identifier in SQL, the same on both backends.
fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// The tables the SQLite database lists, its own bookkeeping (`sqlite_…`) and the full-text indexes (`…_fts`
/// and their shadow tables, which the target's triggers fill as the rows arrive) aside.
fn sqlite_tables(conn: &mut SqliteConnection) -> QueryResult<Vec<String>> {
    let sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND name NOT GLOB '*_fts' AND name NOT GLOB '*_fts_*'";
    Ok(diesel::sql_query(sql).load::<Name>(conn)?.into_iter().map(|table| table.name).collect())
}

/// The tables of the PostgreSQL database's current schema.
fn postgres_tables(conn: &mut PgConnection) -> QueryResult<Vec<String>> {
    let sql = "SELECT table_name::text AS name FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
    Ok(diesel::sql_query(sql).load::<Name>(conn)?.into_iter().map(|table| table.name).collect())
}

/// Refuses a source with a table this version does not copy: moving it would leave data behind.
fn check_every_table_known(listed: Vec<String>, location: &str) -> Result<(), TransferError> {
    let mut unknown: Vec<String> =
        listed.into_iter().filter(|table| table != MIGRATIONS_TABLE && !TABLES.contains(&table.as_str())).collect();
    if unknown.is_empty() {
        return Ok(());
    }
    unknown.sort();
    Err(TransferError::UnknownTables { location: location.to_owned(), tables: unknown })
}

/// Refuses a PostgreSQL database that holds data: rows in any table but those the migrations fill themselves.
fn refuse_data(conn: &mut PgConnection, location: &str) -> Result<(), TransferError> {
    let mut holding = Vec::new();
    for table in postgres_tables(conn)? {
        let allowed = match table.as_str() {
            MIGRATIONS_TABLE => continue,
            name if FILLED_BY_MIGRATIONS.contains(&name) => 1,
            _ => 0,
        };
        // Counting at most one row past what is allowed, so a large table costs no more than an empty one.
        let sql =
            format!("SELECT COUNT(*) AS n FROM (SELECT 1 FROM {} LIMIT {}) AS some_rows", quoted(&table), allowed + 1);
        if diesel::sql_query(sql).get_result::<Count>(conn)?.n > allowed {
            holding.push(table);
        }
    }
    if holding.is_empty() {
        return Ok(());
    }
    holding.sort();
    Err(TransferError::TargetNotEmpty { location: location.to_owned(), tables: holding })
}

/// Empties the tables the migrations filled, for the source's rows to take their place.
fn remove_rows_of_migrations<C: SimpleConnection>(conn: &mut C) -> QueryResult<()> {
    let sql: String = FILLED_BY_MIGRATIONS.iter().map(|table| format!("DELETE FROM {};", quoted(table))).collect();
    conn.batch_execute(&sql)
}

#[derive(QueryableByName)]
struct IdentityColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Moves every identity's sequence past the largest id copied, so that the team's next row does not take an id
/// that a copied row has. (SQLite needs nothing: a new row's id is one more than the largest.)
fn set_identities_past_copied_ids(conn: &mut PgConnection) -> QueryResult<()> {
    let identities: Vec<IdentityColumn> = diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .load(conn)?;
    for identity in identities {
        let (table, column) = (quoted(&identity.table_name), quoted(&identity.column_name));
        diesel::sql_query(format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX({column}), 0) + 1, false) FROM {table}"
        ))
        .bind::<Text, _>(&table)
        .bind::<Text, _>(&identity.column_name)
        .execute(conn)?;
    }
    Ok(())
}

/// Checks that `conn`'s migrations are exactly `embedded`: the tables and columns this version copies.
fn check_schema<C, DB>(conn: &mut C, embedded: &EmbeddedMigrations, location: &str) -> Result<(), TransferError>
where
    DB: diesel::backend::Backend,
    C: Connection<Backend = DB>,
    EmbeddedMigrations: MigrationSource<DB>,
    for<'a> SqlQuery: LoadQuery<'a, C, Name>,
{
    let expected: Vec<String> = MigrationSource::<DB>::migrations(embedded)
        .map_err(TransferError::Migration)?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let applied: Vec<String> = diesel::sql_query(format!("SELECT version AS name FROM {MIGRATIONS_TABLE}"))
        .load::<Name>(conn)?
        .into_iter()
        .map(|version| version.name)
        .collect();
    let mut missing: Vec<String> = expected.iter().filter(|version| !applied.contains(version)).cloned().collect();
    let mut newer: Vec<String> = applied.into_iter().filter(|version| !expected.contains(version)).collect();
    let problem = if !newer.is_empty() {
        newer.sort();
        SchemaProblem::Newer(newer)
    } else if !missing.is_empty() {
        missing.sort();
        SchemaProblem::Older(missing)
    } else {
        return Ok(());
    };
    Err(TransferError::Schema { location: location.to_owned(), problem })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_solo_file_is_opened_by_a_read_only_uri_with_its_special_characters_encoded() {
        assert_eq!(read_only_uri(Path::new("/data/hiredesk.sqlite3")), "file:/data/hiredesk.sqlite3?mode=ro");
        assert_eq!(read_only_uri(Path::new("/my data/#1?/x%.db")), "file:/my%20data/%231%3F/x%25.db?mode=ro");
        assert_eq!(read_only_uri(Path::new("C:\\Users\\Ann\\h.db")), "file:/C:/Users/Ann/h.db?mode=ro");
    }

    #[test]
    fn a_batch_stays_within_both_backends_limits() {
        assert_eq!(batch_rows(9), 2_000);
        assert_eq!(batch_rows(18), 1_666);
        assert!(batch_rows(60) * 60 <= VALUES_PER_INSERT);
    }
}

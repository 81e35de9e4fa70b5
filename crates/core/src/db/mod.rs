//! The database: one SQLite file on this computer (solo, the default) or a PostgreSQL database shared by a team.
//!
//! The core's queries are written once against [`DbConn`], Diesel's `MultiConnection` over both backends; the
//! few that need one backend's own SQL (an upsert, a row lock, a raw query) match on the connection with
//! [`on_backend!`](crate::db::on_backend). Here: the pool, the settings every connection gets, the migrations of
//! each backend (`migrations/sqlite`, `migrations/postgres`), and [`write()`], the one way to open a transaction
//! that writes. `schema` is generated from the migrations (see migrations/README.md) and holds for both;
//! `stored` maps the status and kind columns to Rust types.
//!
//! Raw SQL (`sql_query`) is written once for both backends with `$N` parameters. PostgreSQL reads `$N` as the
//! N-th bound value; SQLite numbers named parameters by their first appearance in the text, so a query must
//! name `$1`, `$2`, … first in that order (each may appear again later), and both backends then agree.

pub mod private;
pub mod schema;
pub mod stored;
#[cfg(feature = "postgres")]
pub mod transfer;
mod versions;

use crate::error::CoreError;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::{CustomizeConnection, ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel::{Connection, SqliteConnection};
#[cfg(feature = "postgres")]
use diesel::{PgConnection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::{Path, PathBuf};
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
#[cfg(feature = "postgres")]
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// The file name of the database inside a data directory.
pub const DATABASE_FILE: &str = "hiredesk.sqlite3";

/// A connection to either backend. Queries written with Diesel's DSL run on both; see [`on_backend!`] for the
/// rest.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    #[cfg(feature = "postgres")]
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `$body` with `$c` bound to the backend's own connection, once per backend: for the SQL that
/// Diesel's MultiConnection cannot express for both at once (upserts, row locks, raw queries in one dialect).
/// The body is compiled once for each backend.
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $body,
            #[cfg(feature = "postgres")]
            $crate::db::DbConn::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_backend;

diesel::define_sql_function! {
    /// SQL's `lower()`: names and emails compared without case on both backends (SQLite's NOCASE collation is
    /// not PostgreSQL's; both fold ASCII letters).
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Where the database is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The solo database: `hiredesk.sqlite3` in this folder.
    SqliteFile(PathBuf),
    /// A team's PostgreSQL database, by its `postgres://` URL.
    Postgres(String),
}

impl Location {
    /// The solo database of a data folder.
    pub fn in_data_dir(data_dir: &Path) -> Location {
        Location::SqliteFile(data_dir.join(DATABASE_FILE))
    }

    /// Where it is, in words for a message; a PostgreSQL URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::SqliteFile(path) => path.display().to_string(),
            Location::Postgres(url) => without_password(url),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user@host/db`, for messages and logs.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_owned(),
    }
}

pub type DbPool = Pool<Manager>;
pub type PooledConn = PooledConnection<Manager>;

/// Makes the pool's connections: each to the one backend its [`Location`] names (Diesel's own manager would try
/// every backend in turn with the same string).
#[derive(Debug)]
pub struct Manager {
    location: Location,
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        let connected = match &self.location {
            Location::SqliteFile(path) => SqliteConnection::establish(&path.to_string_lossy()).map(DbConn::Sqlite),
            #[cfg(feature = "postgres")]
            Location::Postgres(url) => PgConnection::establish(url).map(DbConn::Postgres),
            #[cfg(not(feature = "postgres"))]
            Location::Postgres(url) => Err(diesel::ConnectionError::BadConnection(format!(
                "{}: this build of Hiredesk has no PostgreSQL support (feature `postgres`)",
                without_password(url)
            ))),
        };
        connected.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        // A connection given back while unwinding, or left inside a transaction, must not go back into use.
        std::thread::panicking() || conn.is_broken()
    }
}

/// Settings every pooled connection gets. On SQLite: WAL lets readers proceed while one writer writes; the busy
/// timeout makes a second writer wait instead of failing at once; foreign keys are off by default. PostgreSQL
/// needs nothing: instants are stored as milliseconds, not in its time zone.
#[derive(Debug, Clone, Copy)]
struct ConnectionSettings;

impl CustomizeConnection<DbConn, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), diesel::r2d2::Error> {
        match conn {
            DbConn::Sqlite(c) => c
                .batch_execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
                .map_err(diesel::r2d2::Error::QueryError),
            #[cfg(feature = "postgres")]
            DbConn::Postgres(_) => Ok(()),
        }
    }
}

/// Opens the database at `location` (creating a SQLite file and its folder if needed), applies pending
/// migrations and returns the pool.
pub fn open(location: &Location) -> Result<DbPool, CoreError> {
    if let Location::SqliteFile(path) = location {
        if let Some(folder) = path.parent() {
            private::private_folder(folder).map_err(|error| {
                CoreError::Open(format!("The data directory {} could not be created: {error}", folder.display()))
            })?;
        }
        private::private_database_file(path).map_err(|error| {
            CoreError::Open(format!("The database file {} could not be kept private: {error}", path.display()))
        })?;
    }
    let described = location.describe();
    // A PostgreSQL server serves a whole team within its connection limit: connections are opened as they are
    // needed, up to the pool's size, rather than all of them up front.
    let min_idle = matches!(location, Location::Postgres(_)).then_some(1);
    let pool = Pool::builder()
        .max_size(pool_size(location))
        .min_idle(min_idle)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSettings))
        .build(Manager { location: location.clone() })
        .map_err(|error| CoreError::Open(format!("The database {described} could not be opened: {error}")))?;
    let mut conn = connection(&pool)?;
    if let (Location::SqliteFile(path), DbConn::Sqlite(sqlite)) = (location, &mut *conn) {
        // Before anything is written: a newer version's database is left exactly as it was.
        versions::refuse_newer(sqlite, &SQLITE_MIGRATIONS, path)?;
    }
    migrate(&mut conn)
        .map_err(|error| CoreError::Open(format!("The database {described} could not be upgraded: {error}")))?;
    if let Location::SqliteFile(path) = location {
        // WAL mode has now made the companion files; ones left by an earlier version may still be open to all.
        private::tighten_database_files(path).map_err(|error| {
            CoreError::Open(format!("The database file {} could not be kept private: {error}", path.display()))
        })?;
    }
    Ok(pool)
}

/// Four connections for one desktop's SQLite file (one writer at a time anyway); more for a server's
/// PostgreSQL, where writers proceed side by side.
fn pool_size(location: &Location) -> u32 {
    match location {
        Location::SqliteFile(_) => 4,
        Location::Postgres(_) => 16,
    }
}

/// Applies the backend's pending migrations.
pub fn migrate(conn: &mut DbConn) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    match conn {
        DbConn::Sqlite(c) => {
            // WAL is a property of the file, so it is set once here rather than per connection.
            c.batch_execute("PRAGMA journal_mode = WAL;")?;
            c.run_pending_migrations(SQLITE_MIGRATIONS)?;
        }
        #[cfg(feature = "postgres")]
        DbConn::Postgres(c) => {
            // The application's role does not own the team's tables (so it cannot drop History's triggers):
            // the owner applies migrations with `prepare_team`, and here they are only checked.
            // Read, not `has_pending_migration`: that one first creates the migrations table if it is missing,
            // which the application's role may not.
            let prepared = diesel::sql_query("SELECT to_regclass('__diesel_schema_migrations') IS NOT NULL AS present")
                .get_result::<Present>(c)?;
            if !prepared.present {
                // An empty database: said in words rather than as the missing table's error.
                return Err("it has no Hiredesk tables yet: its owner prepares it first \
                            (`hiredesk-tools prepare-team`)"
                    .into());
            }
            let applied: Vec<String> = diesel::sql_query("SELECT version FROM __diesel_schema_migrations")
                .load::<AppliedVersion>(c)?
                .into_iter()
                .map(|row| row.version)
                .collect();
            let embedded = diesel::migration::MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES_MIGRATIONS)?;
            let embedded: Vec<String> =
                embedded.iter().map(|migration| migration.name().version().to_string()).collect();
            if applied.iter().any(|version| !embedded.contains(version)) {
                return Err("it was written by a newer version of Hiredesk; nothing was changed".into());
            }
            if embedded.iter().any(|version| !applied.contains(version)) {
                return Err("it has migrations to apply first, by its owner (`hiredesk-tools prepare-team`)".into());
            }
        }
    }
    Ok(())
}

#[cfg(feature = "postgres")]
#[derive(diesel::QueryableByName)]
struct Present {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    present: bool,
}

#[cfg(feature = "postgres")]
#[derive(diesel::QueryableByName)]
struct AppliedVersion {
    #[diesel(sql_type = diesel::sql_types::Text)]
    version: String,
}

/// Makes a team's PostgreSQL database ready, as its owner (`owner_url` connects as the role that owns it):
/// applies pending migrations, then lets `app_role` (the role the application connects as) read and write every
/// table but change or delete nothing in `history`. The owner keeps the tables, and with them History's
/// triggers, which only an owner can drop.
#[cfg(feature = "postgres")]
pub fn prepare_team(owner_url: &str, app_role: &str) -> Result<(), CoreError> {
    let failed = |error: &dyn std::fmt::Display| {
        CoreError::Open(format!("The team database {} could not be prepared: {error}", without_password(owner_url)))
    };
    let mut owner = PgConnection::establish(owner_url).map_err(|error| failed(&error))?;
    owner.run_pending_migrations(POSTGRES_MIGRATIONS).map_err(|error| failed(&error))?;
    if !app_role.chars().all(|character| character.is_ascii_alphanumeric() || character == '_') {
        return Err(failed(&format!("the role name {app_role:?} is not a plain identifier")));
    }
    owner
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA public TO {app_role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app_role};
             REVOKE UPDATE, DELETE, TRUNCATE ON history FROM {app_role};
             REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON __diesel_schema_migrations FROM {app_role};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_role};"
        ))
        .map_err(|error| failed(&error))?;
    Ok(())
}

/// A connection from the pool.
pub fn connection(pool: &DbPool) -> Result<PooledConn, CoreError> {
    pool.get().map_err(|error| CoreError::Open(format!("No database connection is available: {error}")))
}

/// Runs `work` in a transaction that writes, and commits it if `work` succeeds (rolls it back otherwise).
///
/// On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken at the start, so two writers queue on the busy
/// timeout instead of one failing when it first writes after reading. On PostgreSQL it is a plain transaction
/// (read committed): writers proceed side by side, and the rows a rule must see unchanged are guarded by the
/// statement itself (an `UPDATE … WHERE` on the expected value, a unique key, a row lock). Transactions inside
/// `work` become savepoints.
pub fn write<T, E>(conn: &mut DbConn, work: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        #[cfg(feature = "postgres")]
        DbConn::Postgres(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    match work(conn) {
        Ok(value) => {
            on_backend!(conn, |c| AnsiTransactionManager::commit_transaction(c))?;
            Ok(value)
        }
        Err(error) => {
            // The rollback's own failure leaves the connection broken, which the pool then discards; the
            // caller hears of the error that made the work fail.
            let _ = on_backend!(conn, |c| AnsiTransactionManager::rollback_transaction(c));
            Err(error)
        }
    }
}

/// Which backend a connection is on, for the few messages and queries that differ.
pub fn is_postgres(conn: &DbConn) -> bool {
    !matches!(conn, DbConn::Sqlite(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_is_described_without_its_password() {
        assert_eq!(
            without_password("postgres://app:s3cret@db.example:5432/hiredesk"),
            "postgres://app@db.example:5432/hiredesk"
        );
        assert_eq!(without_password("postgres://db.example/hiredesk"), "postgres://db.example/hiredesk");
    }
}

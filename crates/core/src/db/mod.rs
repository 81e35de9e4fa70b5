//! Opening the SQLite database: one pool, the connection settings every connection gets, and the embedded
//! migrations. `schema` is generated from the migrations (see migrations/README.md); `stored` maps the status and
//! kind columns to Rust types.

pub mod schema;
pub mod stored;
mod versions;

use crate::error::CoreError;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::Path;
use std::time::Duration;

const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// The file name of the database inside a data directory.
pub const DATABASE_FILE: &str = "hiredesk.sqlite3";

pub type DbPool = Pool<ConnectionManager<SqliteConnection>>;
pub type DbConnection = PooledConnection<ConnectionManager<SqliteConnection>>;

/// Settings every pooled connection gets. WAL lets readers proceed while one writer writes; the busy
/// timeout makes a second writer wait instead of failing at once; foreign keys are off by default in SQLite.
#[derive(Debug, Clone, Copy)]
struct ConnectionSettings;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Opens (creating if needed) the database in `data_dir`, applies pending migrations and returns the pool.
pub fn open(data_dir: &Path) -> Result<DbPool, CoreError> {
    std::fs::create_dir_all(data_dir).map_err(|error| {
        CoreError::Open(format!("The data directory {} could not be created: {error}", data_dir.display()))
    })?;
    let path = data_dir.join(DATABASE_FILE);
    let manager = ConnectionManager::<SqliteConnection>::new(path.to_string_lossy());
    let pool = Pool::builder()
        .max_size(4)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSettings))
        .build(manager)
        .map_err(|error| CoreError::Open(format!("The database {} could not be opened: {error}", path.display())))?;
    let mut conn = connection(&pool)?;
    // Before anything is written: a newer version's database is left exactly as it was.
    versions::refuse_newer(&mut conn, &MIGRATIONS, &path)?;
    // WAL is a property of the file, so it is set once here rather than per connection.
    conn.batch_execute("PRAGMA journal_mode = WAL;")?;
    conn.run_pending_migrations(MIGRATIONS)
        .map_err(|error| CoreError::Open(format!("The database {} could not be upgraded: {error}", path.display())))?;
    Ok(pool)
}

/// A connection from the pool.
pub fn connection(pool: &DbPool) -> Result<DbConnection, CoreError> {
    pool.get().map_err(|error| CoreError::Open(format!("No database connection is available: {error}")))
}

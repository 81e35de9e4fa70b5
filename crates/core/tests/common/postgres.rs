//! A PostgreSQL database of the test's own, on the server `cargo xtask test` starts for the run: created empty
//! by the owner role, prepared as a team database (migrations as the owner, grants to the application's role),
//! used by the core as the application's role, and dropped when the test ends.

/// The owner's URL without a database (`postgres://hiredesk_owner@127.0.0.1:PORT`), set by `cargo xtask test`.
pub const SERVER_VARIABLE: &str = "HIREDESK_TEST_POSTGRES";
/// The role the application connects as; the test server has it (`xtask/src/postgres.rs`).
pub const APP_ROLE: &str = "hiredesk_app";

pub struct TeamDatabase {
    server: String,
    name: String,
}

impl TeamDatabase {
    /// A fresh database when this run is on PostgreSQL; `None` when it is on SQLite.
    pub fn for_this_run() -> Option<TeamDatabase> {
        let server = std::env::var(SERVER_VARIABLE).ok().filter(|url| !url.is_empty())?;
        if cfg!(not(feature = "postgres")) {
            panic!("{SERVER_VARIABLE} is set: test with `--features postgres`");
        }
        Some(TeamDatabase::create(&server))
    }

    /// A connection as the owner, behind the core's back.
    #[cfg(feature = "postgres")]
    pub fn raw(&self) -> hiredesk_core::db::DbConn {
        use diesel::Connection;
        hiredesk_core::db::DbConn::Postgres(diesel::PgConnection::establish(&self.owner_url()).expect("raw connection"))
    }

    #[cfg(not(feature = "postgres"))]
    pub fn raw(&self) -> hiredesk_core::db::DbConn {
        unreachable!("a TeamDatabase is made only with the postgres feature")
    }

    #[cfg(not(feature = "postgres"))]
    pub fn create(_server: &str) -> TeamDatabase {
        unreachable!("checked by for_this_run")
    }

    #[cfg(feature = "postgres")]
    pub fn create(server: &str) -> TeamDatabase {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!("hiredesk_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = diesel::PgConnection::establish(&format!("{server}/postgres")).expect("the test server");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("a database of the test's own");
        let database = TeamDatabase { server: server.to_owned(), name };
        hiredesk_core::db::prepare_team(&database.owner_url(), APP_ROLE).expect("prepared as a team database");
        database
    }

    /// As the owner (who created it and applied its migrations).
    pub fn owner_url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }

    /// As the application's role: what the core connects with.
    pub fn app_url(&self) -> String {
        let (scheme, rest) = self.server.split_once("://").expect("a URL");
        let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
        format!("{scheme}://{APP_ROLE}@{host}/{}", self.name)
    }
}

impl Drop for TeamDatabase {
    #[cfg(not(feature = "postgres"))]
    fn drop(&mut self) {}

    #[cfg(feature = "postgres")]
    fn drop(&mut self) {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        // FORCE ends the core's pooled connections; a failure only leaves a database for the run's end to drop.
        if let Ok(mut admin) = diesel::PgConnection::establish(&format!("{}/postgres", self.server)) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

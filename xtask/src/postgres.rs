//! A private PostgreSQL server for one run of the tests (or of `cargo xtask run --team-demo`): the
//! distribution's PostgreSQL, a fresh cluster in a temporary folder, on a free port of 127.0.0.1, as an
//! unprivileged user (PostgreSQL refuses to run as root), stopped and removed when the [`Server`] is dropped,
//! so also when the tests fail.
//!
//! The cluster has two roles: `hiredesk_owner`, its superuser, who creates the test databases and applies
//! their migrations; and `hiredesk_app`, the role the core connects as, which may read and write the tables
//! but owns none (see `hiredesk_core::db::prepare_team`).

use crate::util::{output, Failure};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The role that owns the cluster and its databases.
pub const OWNER: &str = "hiredesk_owner";
/// The role the application connects as.
pub const APP_ROLE: &str = "hiredesk_app";

#[derive(Debug)]
pub struct Server {
    bin: PathBuf,
    folder: PathBuf,
    port: u16,
    /// When running as root: the system user the server runs as.
    run_as: Option<&'static str>,
}

impl Server {
    /// Creates and starts the cluster.
    pub fn start() -> Result<Server, Failure> {
        let bin = bin_folder()?;
        let run_as = is_root().then_some("postgres");
        let folder = std::env::temp_dir().join(format!("hiredesk-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).map_err(|error| Failure::new(format!("{}: {error}", folder.display())))?;
        if let Some(user) = run_as {
            // The server's own files must belong to the user it runs as.
            checked(Command::new("chown").arg(user).arg(&folder), "chown the cluster's folder")?;
        }
        let port = free_port()?;
        let server = Server { bin, folder, port, run_as };
        server.tool("initdb", &["-D", &server.data(), "-U", OWNER, "-A", "trust", "-E", "UTF8", "--no-sync"])?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=300",
            server.folder.display()
        );
        // 300 connections: `cargo xtask bench concurrency` runs 16 client processes, each with the core's pool of
        // 16 PostgreSQL connections, beside its own.
        let log = server.folder.join("server.log").display().to_string();
        server.tool("pg_ctl", &["-D", &server.data(), "-o", &options, "-l", &log, "-w", "-t", "60", "start"])?;
        server.sql(&format!("CREATE ROLE {APP_ROLE} LOGIN"))?;
        println!("PostgreSQL for this run: {} (log {log})", server.owner_url());
        Ok(server)
    }

    /// `postgres://hiredesk_owner@127.0.0.1:PORT`: the owner's URL without a database.
    pub fn owner_url(&self) -> String {
        format!("postgres://{OWNER}@127.0.0.1:{}", self.port)
    }

    /// Runs one statement as the owner, in the `postgres` database.
    pub fn sql(&self, statement: &str) -> Result<(), Failure> {
        let port = self.port.to_string();
        checked(
            Command::new(self.bin.join("psql"))
                .args(["-h", "127.0.0.1", "-p", &port, "-U", OWNER, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"])
                .args(["-c", statement]),
            statement,
        )
    }

    fn data(&self) -> String {
        self.folder.join("data").display().to_string()
    }

    /// Runs one of PostgreSQL's programs as the server's user.
    fn tool(&self, program: &str, args: &[&str]) -> Result<(), Failure> {
        let program = self.bin.join(program);
        let mut command = match self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&program);
                command
            }
            None => Command::new(&program),
        };
        command.args(args).current_dir(&self.folder);
        checked(&mut command, &program.display().to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // "immediate": the data is thrown away with the folder, so nothing needs writing first.
        if let Err(failure) = self.tool("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]) {
            eprintln!("xtask: the test PostgreSQL did not stop: {failure}");
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The newest installed PostgreSQL's programs (Debian: `/usr/lib/postgresql/<major>/bin`).
fn bin_folder() -> Result<PathBuf, Failure> {
    let root = Path::new("/usr/lib/postgresql");
    let newest = std::fs::read_dir(root)
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_string_lossy().parse::<u32>().ok())
        .max()
        .ok_or_else(|| Failure::new("PostgreSQL is not installed (/usr/lib/postgresql is empty)"))?;
    let bin = root.join(newest.to_string()).join("bin");
    if bin.join("initdb").is_file() {
        Ok(bin)
    } else {
        Err(Failure::new(format!("{} has no initdb", bin.display())))
    }
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

fn free_port() -> Result<u16, Failure> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| Failure::new(format!("no free port for PostgreSQL: {error}")))
}

fn checked(command: &mut Command, what: &str) -> Result<(), Failure> {
    let result = command.output().map_err(|error| Failure::new(format!("{what}: {error}")))?;
    if result.status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "{what} failed ({}):\n{}{}",
            result.status,
            String::from_utf8_lossy(&result.stdout),
            String::from_utf8_lossy(&result.stderr)
        )))
    }
}

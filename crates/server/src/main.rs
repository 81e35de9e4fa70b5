//! `hiredesk-server`: the team server. It answers every `core` row of the command table over HTTPS in front of
//! the team's PostgreSQL, with the same core as the desktop (sessions, roles, lockout, History), and runs the
//! mail worker and the notice scheduler. It keeps nothing of its own beyond the database, so several can run side
//! by side behind a load balancer.
//!
//! `hiredesk-server serve …` serves, `hiredesk-server check …` verifies the database and exits, `--version` says
//! which version this is. The database URL holds a password, so it comes from the environment
//! (`HIREDESK_DATABASE_URL`) or a file (`--database-url-file`), never from the command line, which `ps` shows.
//! Not here: the desktop side of the wire (`crates/client`), preparing the database (`hiredesk-tools
//! prepare-team`).

mod answer;
mod cli;
mod error;
mod routes;
mod serve;
mod tls;
mod watch;
mod workers;

use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let result = cli::parse(&arguments).and_then(|action| match action {
        cli::Action::Version => {
            println!("hiredesk-server {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        cli::Action::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        cli::Action::Check(database) => serve::check(&database),
        cli::Action::Serve(options) => serve::serve(options),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hiredesk-server: {error}");
            if matches!(error, error::ServerError::Usage(_)) {
                eprintln!("{}", cli::USAGE);
                return ExitCode::from(2);
            }
            ExitCode::FAILURE
        }
    }
}

//! `move-to-team` and `move-to-solo`: a whole Hiredesk database moved between a data folder's SQLite file and a
//! team's PostgreSQL database through `hiredesk_core::db::transfer`, and the figures it verified on both sides
//! printed: every table's rows and History's checksum. The move itself, its checks and its refusals are the core's.

use crate::failure::Failure;
use crate::{thousands, USAGE};
use hiredesk_core::db::transfer::{self, Verified};
use std::path::PathBuf;
use std::time::Instant;

/// The role the application connects as when the command line names none (the role `cargo xtask test`'s server
/// and the scratch servers have).
const DEFAULT_APP_ROLE: &str = "hiredesk_app";

/// `move-to-team --data-dir DIR --to POSTGRES_URL [--app-role ROLE]`.
pub fn to_team(args: &[String]) -> Result<(), Failure> {
    let (mut data_dir, mut url, mut app_role) = (None, None, DEFAULT_APP_ROLE.to_owned());
    for (flag, value) in pairs(args)? {
        match flag {
            "--data-dir" => data_dir = Some(PathBuf::from(value)),
            "--to" => url = Some(value.to_owned()),
            "--app-role" => app_role = value.to_owned(),
            _ => return Err(unknown(flag)),
        }
    }
    let (data_dir, url) = (required(data_dir, "--data-dir")?, required(url, "--to")?);
    println!("Moving the solo database in {} to a team database …", data_dir.display());
    let started = Instant::now();
    let verified = transfer::to_team(&data_dir, &url, &app_role)?;
    report(&verified, started);
    println!("The solo file is unchanged. The team connects as {app_role}; quit any Hiredesk still using the file.");
    Ok(())
}

/// `move-to-solo --from POSTGRES_URL --data-dir DIR`.
pub fn to_solo(args: &[String]) -> Result<(), Failure> {
    let (mut data_dir, mut url) = (None, None);
    for (flag, value) in pairs(args)? {
        match flag {
            "--data-dir" => data_dir = Some(PathBuf::from(value)),
            "--from" => url = Some(value.to_owned()),
            _ => return Err(unknown(flag)),
        }
    }
    let (data_dir, url) = (required(data_dir, "--data-dir")?, required(url, "--from")?);
    println!("Copying the team database into a new solo database in {} …", data_dir.display());
    let started = Instant::now();
    let verified = transfer::to_solo(&url, &data_dir)?;
    report(&verified, started);
    println!("Open it with: cargo xtask run -- --data-dir {}", data_dir.display());
    Ok(())
}

/// `--flag value` pairs in any order.
fn pairs(args: &[String]) -> Result<Vec<(&str, &str)>, Failure> {
    args.chunks(2)
        .map(|pair| match pair {
            [flag, value] => Ok((flag.as_str(), value.as_str())),
            [flag] => Err(Failure::Usage(format!("{flag} needs a value\n\n{USAGE}"))),
            _ => Err(Failure::Usage(USAGE.to_owned())),
        })
        .collect()
}

fn unknown(flag: &str) -> Failure {
    Failure::Usage(format!("unknown option {flag:?}\n\n{USAGE}"))
}

fn required<T>(value: Option<T>, flag: &str) -> Result<T, Failure> {
    value.ok_or_else(|| Failure::Usage(format!("{flag} is required\n\n{USAGE}")))
}

/// What was verified: the same on both sides, or the move would have failed.
fn report(verified: &Verified, started: Instant) {
    println!("Moved and verified in {:.1} s; rows in the source and in the copy:", started.elapsed().as_secs_f64());
    let width = verified.tables.iter().map(|rows| rows.table.len()).max().unwrap_or_default();
    for rows in &verified.tables {
        println!("  {:<width$}  {:>11}", rows.table, thousands(rows.rows));
    }
    println!("History checksum (SHA-256 of every column, in id order), the same on both sides:");
    println!("  {}", verified.history_checksum);
}

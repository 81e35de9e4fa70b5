//! The PostgreSQL database a benchmark runs on, as `cargo xtask bench` hands it over: an empty database on the
//! private server it started, named by its owner's URL, and the role the application connects as. The owner
//! migrates it (`db::prepare_team`), seeds it and runs `ANALYZE` (which only a table's owner may); the measured
//! work connects as the application's role, as a team's desktops would.

use crate::failure::Failure;
use hiredesk_core::db;

#[derive(Debug, Clone)]
pub struct TeamDatabase {
    /// `postgres://OWNER@HOST:PORT/DATABASE`.
    pub owner_url: String,
    pub app_role: String,
}

impl TeamDatabase {
    /// Reads `--postgres URL` and `--app-role ROLE` (default `hiredesk_app`, the role the xtask server has).
    pub fn from_flags(postgres: Option<String>, app_role: Option<String>) -> Result<Option<TeamDatabase>, Failure> {
        match (postgres, app_role) {
            (Some(owner_url), app_role) => {
                Ok(Some(TeamDatabase { owner_url, app_role: app_role.unwrap_or_else(|| "hiredesk_app".to_owned()) }))
            }
            (None, Some(_)) => Err(Failure::Usage("--app-role needs --postgres URL".to_owned())),
            (None, None) => Ok(None),
        }
    }

    /// Applies the migrations as the owner and grants the application's role what the app needs.
    pub fn prepare(&self) -> Result<(), Failure> {
        Ok(db::prepare_team(&self.owner_url, &self.app_role)?)
    }

    /// The same database as the application's role (no password: the bench's server trusts 127.0.0.1).
    pub fn app_url(&self) -> Result<String, Failure> {
        let unusable = || Failure::Usage(format!("{} is not a postgres://USER@HOST/DATABASE URL", self.owner_url));
        let (scheme, rest) = self.owner_url.split_once("://").ok_or_else(unusable)?;
        let (_, host) = rest.rsplit_once('@').ok_or_else(unusable)?;
        Ok(format!("{scheme}://{}@{host}", self.app_role))
    }
}

/// `prepare-team --postgres URL [--app-role ROLE]`: migrates an empty database as its owner and grants the
/// application's role, then prints the URL the desktop connects with (`cargo xtask run --team-demo`).
pub fn prepare_main(args: &[String]) -> Result<(), Failure> {
    let (mut postgres, mut app_role) = (None, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))?.clone();
        match flag.as_str() {
            "--postgres" => postgres = Some(value),
            "--app-role" => app_role = Some(value),
            other => return Err(Failure::Usage(format!("unknown flag {other:?} for prepare-team"))),
        }
    }
    let team = TeamDatabase::from_flags(postgres, app_role)?
        .ok_or_else(|| Failure::Usage("prepare-team needs --postgres URL".to_owned()))?;
    team.prepare()?;
    println!("{}", team.app_url()?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_url_is_the_owner_url_with_the_app_role() {
        let team =
            TeamDatabase { owner_url: "postgres://hiredesk_owner@127.0.0.1:5999/bench".into(), app_role: "app".into() };
        assert_eq!(team.app_url().expect("a URL"), "postgres://app@127.0.0.1:5999/bench");
        let no_user = TeamDatabase { owner_url: "postgres://127.0.0.1/bench".into(), app_role: "app".into() };
        assert!(no_user.app_url().is_err());
    }
}

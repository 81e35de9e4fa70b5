//! The wire between a desktop in team mode and the team server (`hiredesk-server`), beside the command table.
//!
//! A desktop in team mode sends each `core` row of the command table to the server instead of its own core:
//! `POST /v1/commands/{name}` with the request as JSON and, for a `session` row, `Authorization: Bearer
//! {token}`; the answer is the response as JSON (200) or an [`crate::IpcError`] as JSON with the status of
//! [`http_status`]. The few things that are not commands are here: the server's health (`GET /v1/health`,
//! [`ServerHealth`]) and the watch a desktop keeps open for its signed-in user (`GET /v1/watch`, a long poll
//! with [`WatchRequest`] as query and [`WatchAnswer`] as answer), which brings the user's native notices and
//! tells the desktop that another desktop changed something, so Home, the To-Do list and approvals refresh.

use crate::{ErrorKind, NoticeTarget};
use serde::{Deserialize, Serialize};

/// The version of this wire; the server answers it in its health, and a desktop refuses a server of another.
pub const TEAM_WIRE_VERSION: u32 = 1;

/// `GET /v1/health`: 200 when the server and its database answer, 503 (with the same body) when the
/// database does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerHealth {
    /// The server's Hiredesk version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// [`TEAM_WIRE_VERSION`] of the server.
    pub wire: u32,
    /// The database answered and its schema is the one this server was built for.
    pub database_ok: bool,
}

/// Where a watch resumes: both numbers only grow, and a desktop keeps the last answer's cursor. A cursor of
/// zeros (the default) answers at once with the current cursor and no notices, so a desktop that starts
/// does not show the past.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct WatchCursor {
    /// The last team notice the desktop has seen.
    pub notice: i64,
    /// The last History entry the desktop has seen (every change writes one).
    pub change: i64,
}

/// `GET /v1/watch?notice=N&change=M` (the cursor, flattened into the query), with the session's bearer token:
/// the server answers as soon as there is a notice for the session's user after the cursor or a change after
/// it, or after at most [`WATCH_WAIT_SECONDS`] with nothing new. Watching does not count as activity, so it
/// does not keep an idle session alive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchRequest {
    #[serde(flatten)]
    pub after: WatchCursor,
}

/// The longest a watch is held open before it answers with nothing new.
pub const WATCH_WAIT_SECONDS: u64 = 25;

/// What a watch brings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WatchAnswer {
    /// Where the next watch resumes.
    pub cursor: WatchCursor,
    /// The native notices for the session's user after the cursor, oldest first, for the desktop to show.
    pub notices: Vec<TeamNotice>,
    /// Something changed after the cursor's History entry (on any desktop): pages that show shared state
    /// (Home, the To-Do list, approvals, an open job seeker) reload.
    pub changed: bool,
}

/// One native notice for one user, as the server's notice scheduler recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamNotice {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// What a click on it opens, for a notice about a job seeker.
    pub opens: Option<NoticeTarget>,
}

/// The HTTP status the server answers an error of `kind` with; the body is the [`crate::IpcError`] itself, so
/// a desktop gives the UI exactly what the core said.
pub fn http_status(kind: ErrorKind) -> u16 {
    match kind {
        ErrorKind::Validation => 422,
        ErrorKind::InvalidCredentials | ErrorKind::SessionExpired => 401,
        ErrorKind::Locked => 423,
        ErrorKind::PasswordChangeRequired | ErrorKind::Forbidden => 403,
        ErrorKind::NotFound => 404,
        ErrorKind::Conflict => 409,
        ErrorKind::Internal => 500,
        ErrorKind::Unreachable => 503,
    }
}

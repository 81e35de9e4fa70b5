//! The watch of a team's desktop (`GET /v1/watch` on the team server): the native notices recorded for the
//! session's user after a cursor, and whether anything changed since. Read from the database alone
//! (`team_notices`, written by the notice scheduler in the transaction of each notice, and `history`, which every
//! change writes), so any server of a team answers it alike and nothing lives in one server's memory. Waiting
//! for something new is the server's business; this answers at once.
//!
//! Watching is not activity: the session is identified without being refreshed, so a desktop left open does not
//! keep an idle session alive.

use crate::db::schema::{history, team_notices};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::CoreResult;
use diesel::dsl::max;
use diesel::prelude::*;
use hiredesk_wire::{NoticeTab, NoticeTarget, TeamNotice, WatchAnswer, WatchCursor};

/// What is new for `user_id` after `after`. A zero cursor (a desktop that starts) answers with the current cursor
/// only: the past is not news.
pub fn look(conn: &mut DbConn, user_id: i32, after: WatchCursor) -> CoreResult<WatchAnswer> {
    // The newest ids first, then what lies up to them: a notice recorded in between is left for the next look
    // rather than skipped by a cursor already past it.
    let newest_notice: Option<i32> = team_notices::table.select(max(team_notices::id)).first(conn)?;
    let newest_change: Option<i32> = history::table.select(max(history::id)).first(conn)?;
    let cursor = WatchCursor {
        notice: i64::from(newest_notice.unwrap_or(0)).max(after.notice),
        change: i64::from(newest_change.unwrap_or(0)).max(after.change),
    };
    if after == WatchCursor::default() {
        return Ok(WatchAnswer { cursor, notices: Vec::new(), changed: false });
    }
    type Row = (i32, String, String, Option<i32>, Option<Stored<NoticeTab>>);
    let rows: Vec<Row> = team_notices::table
        .filter(team_notices::user_id.eq(user_id))
        .filter(team_notices::id.gt(after_id(after.notice)))
        .filter(team_notices::id.le(after_id(cursor.notice)))
        .order(team_notices::id)
        .select((
            team_notices::id,
            team_notices::title,
            team_notices::body,
            team_notices::opens_job_seeker_id,
            team_notices::opens_tab,
        ))
        .load(conn)?;
    let notices = rows
        .into_iter()
        .map(|(id, title, body, job_seeker_id, tab)| TeamNotice {
            id: i64::from(id),
            title,
            body,
            opens: job_seeker_id.zip(tab).map(|(job_seeker_id, Stored(tab))| NoticeTarget { job_seeker_id, tab }),
        })
        .collect();
    Ok(WatchAnswer { cursor, notices, changed: cursor.change > after.change })
}

/// A cursor's number as the column's type; a number past any id is clamped, so it still means "after all".
fn after_id(cursor: i64) -> i32 {
    i32::try_from(cursor).unwrap_or(if cursor < 0 { i32::MIN } else { i32::MAX })
}

//! `GET /v1/watch`: the long poll a team's desktop keeps open for its signed-in user. It answers as soon as
//! `Hiredesk::watch` finds something new after the cursor, or after `WATCH_WAIT_SECONDS` with nothing new. It
//! looks again when this server has news (a command succeeded, its scheduler delivered notices) and otherwise once
//! a second, because another server of the team may have written what is new: nothing lives only in one server's
//! memory. When the server stops, a watch in flight answers at once with nothing new.

use crate::answer::{blocking, failure, require_bearer};
use crate::routes::Shared;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use hiredesk_wire::{ErrorKind, IpcError, WatchAnswer, WatchCursor, WATCH_WAIT_SECONDS};
use std::time::Duration;
use tokio::time::Instant;

/// How often a waiting watch looks at the database for what other servers wrote.
const RECHECK_EVERY: Duration = Duration::from_secs(1);

pub async fn watch(
    State(shared): State<Shared>,
    headers: HeaderMap,
    cursor: Result<Query<WatchCursor>, QueryRejection>,
) -> Response {
    let token = match require_bearer(&headers) {
        Ok(token) => token,
        Err(refusal) => return refusal.into_response(),
    };
    // The query is the cursor itself (`WatchRequest` flattens it): read as such, its numbers stay numbers.
    let after = match cursor {
        Ok(Query(cursor)) => cursor,
        Err(rejection) => {
            return failure(IpcError::new(ErrorKind::Validation, format!("The watch could not be read: {rejection}")))
        }
    };
    let deadline = Instant::now() + Duration::from_secs(WATCH_WAIT_SECONDS);
    let mut stopping = shared.stopping.clone();
    loop {
        if *stopping.borrow() {
            return crate::answer::json(StatusCode::OK, &WatchAnswer { cursor: after, ..WatchAnswer::default() });
        }
        // Registered before the look, so news that comes while the database is read is not missed.
        let news = shared.news.notified();
        tokio::pin!(news);
        news.as_mut().enable();
        let desk = shared.desk.clone();
        let looked_for = token.clone();
        let answer = match blocking(move || desk.watch(&looked_for, after)).await {
            Ok(answer) => answer,
            Err(refusal) => return refusal.into_response(),
        };
        let now = Instant::now();
        if after == WatchCursor::default() || answer.changed || !answer.notices.is_empty() || now >= deadline {
            return crate::answer::json(StatusCode::OK, &answer);
        }
        let wait = RECHECK_EVERY.min(deadline - now);
        tokio::select! {
            _ = &mut news => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stopping.changed() => {}
        }
    }
}

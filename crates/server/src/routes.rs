//! The server's routes (the contract is `hiredesk_wire::team`): every `core` row of the command table at
//! `POST /v1/commands/{name}` through `Hiredesk::dispatch`, the shell's exports and print view, the health and the
//! watch; and around them the request log and the time limit. Bodies are read here with a limit per route
//! (1 MiB; the two import commands 30 MiB, since an import file travels in them).

use crate::answer::{self, blocking, failure, require_bearer, Refusal};
use crate::watch;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hiredesk_core::Hiredesk;
use hiredesk_wire::{
    Command, ErrorKind, ExportHistoryRequest, ExportNotesRequest, Handler, IpcError, PrintRequest, ServerHealth,
    TEAM_WIRE_VERSION,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// The largest body of an ordinary request.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// The largest body of an import (the file travels in it).
pub const IMPORT_BODY_LIMIT: usize = 30 * 1024 * 1024;
/// The longest a request may take before it is answered 503; the watch is bounded by its own wait instead.
pub const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(30);

const XLSX: HeaderValue = HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

/// What every route shares.
#[derive(Clone)]
pub struct Shared {
    pub desk: Hiredesk,
    /// Something may be new for a watch: a command succeeded, or this server's scheduler delivered notices.
    /// Other servers' news is found by the watch's re-check each second.
    pub news: Arc<Notify>,
    /// Becomes `true` when the server begins to stop: watches in flight answer at once.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

pub fn router(shared: Shared) -> Router {
    Router::new()
        .route("/v1/commands/{name}", post(command))
        .route("/v1/exports/history", post(export_history))
        .route("/v1/exports/notes", post(export_notes))
        .route("/v1/exports/printed", post(export_printed))
        .route("/v1/print-view", post(print_view))
        .route("/v1/health", get(health))
        .route("/v1/watch", get(watch::watch))
        .fallback(unknown)
        .method_not_allowed_fallback(unknown)
        .layer(middleware::from_fn(time_limit))
        .layer(middleware::from_fn(log_request))
        .with_state(shared)
}

/// One row of the table, by name.
async fn command(State(shared): State<Shared>, Path(name): Path<String>, headers: HeaderMap, body: Body) -> Response {
    let Some(command) = Command::from_name(&name).filter(|command| command.handler() == Handler::Core) else {
        return failure(IpcError::new(ErrorKind::NotFound, format!("There is no command {name:?} on this server.")));
    };
    let limit = match command {
        Command::PreviewImport | Command::CommitImport => IMPORT_BODY_LIMIT,
        _ => BODY_LIMIT,
    };
    let body = match read_body(body, limit).await {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(),
    };
    let token = answer::bearer(&headers);
    let desk = shared.desk.clone();
    match blocking(move || desk.dispatch(command, token.as_deref(), &body)).await {
        Ok(response) => {
            // A successful command may have written History: watches look again at once.
            shared.news.notify_waiters();
            answer::json_bytes(response)
        }
        Err(refusal) => refusal.into_response(),
    }
}

/// The print window's Save as .xlsx: the export of the tab it was opened from.
#[derive(Debug, Deserialize)]
struct PrintedExport {
    request: PrintRequest,
    export_id: u32,
}

async fn export_history(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    export(shared, headers, body, |desk, token, request: ExportHistoryRequest, path| {
        desk.export_history(token, &request, path)
    })
    .await
}

async fn export_notes(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    export(shared, headers, body, |desk, token, request: ExportNotesRequest, path| {
        desk.export_notes(token, &request, path)
    })
    .await
}

async fn export_printed(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    export(shared, headers, body, |desk, token, printed: PrintedExport, path| {
        desk.export_printed(token, &printed.request, printed.export_id, path)
    })
    .await
}

/// Runs an export into a temporary file and answers its bytes, with the number of rows in `Hiredesk-Rows`.
async fn export<R: DeserializeOwned + Send + 'static>(
    shared: Shared,
    headers: HeaderMap,
    body: Body,
    run: impl FnOnce(&Hiredesk, &str, R, &std::path::Path) -> hiredesk_core::CoreResult<u64> + Send + 'static,
) -> Response {
    let token = match require_bearer(&headers) {
        Ok(token) => token,
        Err(refusal) => return refusal.into_response(),
    };
    let request: R = match read_json(body).await {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(),
    };
    let desk = shared.desk.clone();
    let written = blocking(move || {
        let folder = tempfile::tempdir().map_err(|error| {
            hiredesk_core::CoreError::Open(format!("A temporary folder for the export could not be made: {error}"))
        })?;
        let path = folder.path().join("export.xlsx");
        let rows = run(&desk, &token, request, &path)?;
        let bytes = std::fs::read(&path)
            .map_err(|error| hiredesk_core::CoreError::Open(format!("The export could not be read back: {error}")))?;
        Ok((rows, bytes))
    })
    .await;
    match written {
        Ok((rows, bytes)) => {
            let rows = HeaderValue::from(rows);
            (StatusCode::OK, [(header::CONTENT_TYPE, XLSX)], [("hiredesk-rows", rows)], bytes).into_response()
        }
        Err(refusal) => refusal.into_response(),
    }
}

async fn print_view(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    let token = match require_bearer(&headers) {
        Ok(token) => token,
        Err(refusal) => return refusal.into_response(),
    };
    let request: PrintRequest = match read_json(body).await {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(),
    };
    let desk = shared.desk.clone();
    match blocking(move || desk.print_view(&token, &request)).await {
        Ok(view) => answer::json(StatusCode::OK, &view),
        Err(refusal) => refusal.into_response(),
    }
}

/// 200 when the database answers at this version's schema, 503 with the same body when it does not.
async fn health(State(shared): State<Shared>) -> Response {
    let desk = shared.desk.clone();
    let checked = tokio::task::spawn_blocking(move || desk.check_database()).await;
    let database_ok = match checked {
        Ok(Ok(())) => true,
        Ok(Err(error)) => {
            tracing::warn!(error = %IpcError::from(error).message, "the health check found the database unwell");
            false
        }
        Err(_) => false,
    };
    let health = ServerHealth { version: env!("CARGO_PKG_VERSION").to_owned(), wire: TEAM_WIRE_VERSION, database_ok };
    let status = if database_ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    answer::json(status, &health)
}

async fn unknown(request: Request) -> Response {
    let path = request.uri().path().to_owned();
    failure(IpcError::new(
        ErrorKind::NotFound,
        format!("There is nothing at {} {path} on this server.", request.method()),
    ))
}

/// Reads a body of at most `limit` bytes; a larger one is refused with 413 before more of it is read.
async fn read_body(body: Body, limit: usize) -> Result<Bytes, Refusal> {
    to_bytes(body, limit).await.map_err(|error| {
        // axum wraps the limit's own error; anything else is a body that could not be read (a broken connection).
        let too_large =
            std::error::Error::source(&error).is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
        if too_large {
            let message =
                format!("The request is larger than this server accepts ({} MiB at most).", limit / (1024 * 1024));
            Refusal::with_status(StatusCode::PAYLOAD_TOO_LARGE, IpcError::new(ErrorKind::Validation, message))
        } else {
            Refusal::new(IpcError::new(ErrorKind::Validation, format!("The request could not be read: {error}")))
        }
    })
}

/// A JSON body of at most [`BODY_LIMIT`]; a malformed one is 422.
async fn read_json<R: DeserializeOwned>(body: Body) -> Result<R, Refusal> {
    let bytes = read_body(body, BODY_LIMIT).await?;
    serde_json::from_slice(&bytes).map_err(|error| {
        Refusal::new(IpcError::new(ErrorKind::Validation, format!("The request could not be read: {error}")))
    })
}

/// Answers 503 when a request takes longer than [`REQUEST_TIME_LIMIT`]. The watch is left out: it waits by design,
/// at most `WATCH_WAIT_SECONDS`. Work already handed to the core finishes on its own thread (a transaction is
/// never cut in the middle), so the message says that it may have been done.
async fn time_limit(request: Request, next: Next) -> Response {
    if request.uri().path() == "/v1/watch" {
        return next.run(request).await;
    }
    match tokio::time::timeout(REQUEST_TIME_LIMIT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => answer::failure_with(
            StatusCode::SERVICE_UNAVAILABLE,
            IpcError::new(
                ErrorKind::Internal,
                format!(
                    "The server took longer than {} seconds to answer. What was asked may still be done; look before \
                     trying again.",
                    REQUEST_TIME_LIMIT.as_secs()
                ),
            ),
        ),
    }
}

/// One JSON log line per request: method, route, status and time. Never a body nor a header, which hold
/// passwords and tokens.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| request.uri().path().to_owned(), |path| path.as_str().to_owned());
    let command = request.uri().path().strip_prefix("/v1/commands/").map(str::to_owned);
    tracing::debug!(%method, route, command, "request started");
    let started = Instant::now();
    let response = next.run(request).await;
    let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let status = response.status().as_u16();
    if response.status().is_server_error() {
        tracing::warn!(%method, route, command, status, millis, "request");
    } else {
        tracing::info!(%method, route, command, status, millis, "request");
    }
    response
}

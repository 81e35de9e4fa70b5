//! How the server answers: a response as JSON (200), or the core's `IpcError` as JSON with the status the wire
//! gives its kind (`hiredesk_wire::http_status`), so a desktop hands its UI exactly what the core said. Transport
//! failures (a body too large or unreadable, an unknown path, a request past its time limit) answer an
//! `IpcError` too, never a bare text.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use hiredesk_core::CoreError;
use hiredesk_wire::{ErrorKind, IpcError};

const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A response already encoded as JSON.
pub fn json_bytes(body: Vec<u8>) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, JSON)], body).into_response()
}

/// A value as JSON, with `status`.
pub fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (status, [(header::CONTENT_TYPE, JSON)], body).into_response(),
        Err(error) => failure(IpcError::new(ErrorKind::Internal, format!("The answer could not be encoded: {error}"))),
    }
}

/// An error, with the status of its kind.
pub fn failure(error: IpcError) -> Response {
    let status =
        StatusCode::from_u16(hiredesk_wire::http_status(error.kind)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json(status, &error)
}

/// An error with a status of its own (413, 503), where the kind's status is not the one the contract names.
pub fn failure_with(status: StatusCode, error: IpcError) -> Response {
    json(status, &error)
}

/// A request refused or failed on its way to an answer: the error and its status, sent as [`failure_with`].
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    error: IpcError,
}

impl Refusal {
    /// With the status of the error's kind.
    pub fn new(error: IpcError) -> Refusal {
        let status =
            StatusCode::from_u16(hiredesk_wire::http_status(error.kind)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Refusal { status, error }
    }

    pub fn with_status(status: StatusCode, error: IpcError) -> Refusal {
        Refusal { status, error }
    }
}

impl From<CoreError> for Refusal {
    fn from(error: CoreError) -> Self {
        Refusal::new(error.into())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        failure_with(self.status, self.error)
    }
}

/// The session token of `Authorization: Bearer …`, if the request carries one.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim().to_owned())
}

/// The token of a request that must carry one; its absence is an ended session, as the core says it.
pub fn require_bearer(headers: &HeaderMap) -> Result<String, Refusal> {
    bearer(headers).ok_or_else(|| CoreError::session_expired().into())
}

/// Work for the core, on a blocking thread (the core blocks on the database and on password hashing).
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, Refusal> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(error.into()),
        Err(error) => {
            tracing::error!(%error, "a request's work ended abnormally");
            Err(Refusal::new(IpcError::new(ErrorKind::Internal, "The server failed while answering; try again.")))
        }
    }
}

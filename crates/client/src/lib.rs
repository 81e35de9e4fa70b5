//! The desktop's client of the team server (`hiredesk-server`), over HTTPS with rustls: the contract of
//! `hiredesk_wire::team` seen from a desktop.
//!
//! A desktop in team mode sends every `core` row of the command table here instead of to its own core
//! ([`TeamClient::call`]), keeps a watch open for each signed-in user ([`TeamClient::watch`]) and fetches the
//! exports' workbooks and the print window's view. The server's certificate is pinned by the fingerprint the
//! user confirmed when the desktop joined ([`probe`] reads it; [`pin`] checks it). Every failure is an
//! [`IpcError`]: the server's own, passed on as it answered, or [`ErrorKind::Unreachable`] when the server
//! could not be reached (no connection, no answer in time, a TLS failure), in words a recruiter understands.
//! This crate knows nothing of Tauri nor of the core; the shell decides when to use it.

pub mod pin;

pub use pin::Fingerprint;

use hiredesk_wire::{
    Command, ErrorKind, ExportHistoryRequest, ExportNotesRequest, IpcError, PrintRequest, PrintView, Rpc, ServerHealth,
    WatchAnswer, WatchCursor, WATCH_WAIT_SECONDS,
};
use pin::{FirstSight, PinnedCertificate};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// How long a connection may take to open before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a command or an export may take in all; longer than the server's own limits, so that the server's
/// answer (503 with a message) normally arrives first.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// The watch is held open by the server for up to [`WATCH_WAIT_SECONDS`]; this much more is allowed for the
/// network before it counts as unreachable.
const WATCH_MARGIN: Duration = Duration::from_secs(10);
/// The header an export's answer says its number of rows in.
pub const ROWS_HEADER: &str = "Hiredesk-Rows";

/// Where a team's server is: `https://host:port` (the form it is kept in), from what a user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAddress(Url);

impl TeamAddress {
    /// Reads an address as a user types it: `host:port`, `https://host:port` or `https://host` (port 443); a
    /// trailing slash is ignored. Plain `http://` is refused: commands carry passwords and session tokens.
    pub fn parse(text: &str) -> Result<Self, IpcError> {
        let text = text.trim().trim_end_matches('/');
        let refused = |message: &str| IpcError::validation(vec![field_error("address", message)]);
        if text.is_empty() {
            return Err(refused("Enter the address of your team's server, for example hiredesk.example.org:8443."));
        }
        if text.starts_with("http://") {
            return Err(refused("The team server is reached over https only: write https:// or leave it out."));
        }
        let with_scheme = if text.starts_with("https://") { text.to_owned() } else { format!("https://{text}") };
        let url = Url::parse(&with_scheme).map_err(|_| refused("This is not an address, for example server:8443."))?;
        let plain = url.host_str().is_some()
            && url.path() == "/"
            && url.query().is_none()
            && url.fragment().is_none()
            && url.username().is_empty()
            && url.password().is_none();
        if !plain {
            return Err(refused("Write only the server's name and port, for example hiredesk.example.org:8443."));
        }
        Ok(Self(url))
    }

    /// The address as kept and shown: `https://host:port` (no port when it is 443).
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    fn host(&self) -> &str {
        // An IPv6 address is written in brackets in a URL but connected to without them.
        self.0.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']')
    }

    fn port(&self) -> u16 {
        self.0.port_or_known_default().unwrap_or(443)
    }

    fn route(&self, path: &str) -> String {
        format!("{}{path}", self.as_str())
    }
}

impl std::fmt::Display for TeamAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn field_error(field: &str, message: &str) -> hiredesk_wire::FieldError {
    hiredesk_wire::FieldError { field: field.to_owned(), message: message.to_owned() }
}

/// Connects to a server not trusted yet and answers its certificate's fingerprint, for the user to compare
/// with the one the server printed before the desktop pins it. Nothing but the TLS handshake is sent.
pub async fn probe(address: &TeamAddress) -> Result<Fingerprint, IpcError> {
    let verifier = Arc::new(FirstSight::new());
    let config = pin::client_config(verifier.clone()).map_err(|error| tls_setup_failed(&error))?;
    let server_name = rustls::pki_types::ServerName::try_from(address.host().to_owned()).map_err(|_| {
        IpcError::validation(vec![field_error("address", "This is not a server's name nor an IP address.")])
    })?;
    let unreachable = |detail: String| {
        IpcError::new(
            ErrorKind::Unreachable,
            format!("The team server at {address} cannot be reached ({detail}). Check the address and the network."),
        )
    };
    let handshake = async {
        let stream = tokio::net::TcpStream::connect((address.host(), address.port())).await?;
        tokio_rustls::TlsConnector::from(Arc::new(config)).connect(server_name, stream).await
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, handshake).await {
        Err(_) => Err(unreachable("no answer in time".to_owned())),
        Ok(Err(error)) => Err(unreachable(error.to_string())),
        Ok(Ok(_stream)) => verifier.seen().ok_or_else(|| unreachable("it showed no certificate".to_owned())),
    }
}

fn tls_setup_failed(error: &rustls::Error) -> IpcError {
    IpcError::new(ErrorKind::Internal, format!("The secure connection could not be set up on this computer: {error}"))
}

/// A workbook the server made for an export: its bytes, for the shell to write to the chosen file, and the
/// number of rows in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbook {
    pub bytes: Vec<u8>,
    pub rows: u64,
}

/// The body of `POST /v1/exports/printed`.
#[derive(Serialize)]
struct PrintedExport<'a> {
    request: &'a PrintRequest,
    export_id: u32,
}

/// A connection to one team server whose certificate is pinned. Cheap to clone (one connection pool).
#[derive(Debug, Clone)]
pub struct TeamClient {
    address: TeamAddress,
    http: reqwest::Client,
    verifier: Arc<PinnedCertificate>,
    pinned: Fingerprint,
}

impl TeamClient {
    /// A client of the server at `address` that accepts only the certificate with the `pinned` fingerprint.
    pub fn new(address: TeamAddress, pinned: Fingerprint) -> Result<Self, IpcError> {
        let verifier = Arc::new(PinnedCertificate::new(pinned.clone()));
        let config = pin::client_config(verifier.clone()).map_err(|error| tls_setup_failed(&error))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(config)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            // The server is reached directly: a system proxy would see nothing but could hold requests up.
            .no_proxy()
            .build()
            .map_err(|error| {
                IpcError::new(
                    ErrorKind::Internal,
                    format!("The connection to the team server could not be set up: {error}"),
                )
            })?;
        Ok(Self { address, http, verifier, pinned })
    }

    pub fn address(&self) -> &TeamAddress {
        &self.address
    }

    /// Sends one `core` row of the command table: `body` is its request as JSON, `token` the session's for a
    /// `session` row. Answers the response as JSON, or the server's error as it answered.
    pub async fn call(&self, command: Command, token: Option<&str>, body: Vec<u8>) -> Result<Vec<u8>, IpcError> {
        let request = self
            .http
            .post(self.address.route(&format!("/v1/commands/{}", command.name())))
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        let response = self.send(with_token(request, token)).await?;
        self.bytes(response).await
    }

    /// [`TeamClient::call`] with typed request and response.
    pub async fn call_typed<R: Rpc>(&self, token: Option<&str>, request: &R) -> Result<R::Response, IpcError> {
        let body = serde_json::to_vec(request).map_err(|error| encoding_failed(&error))?;
        decode(&self.call(R::COMMAND, token, body).await?)
    }

    /// The server's health. A server whose database does not answer answers too (503 with the same body).
    pub async fn health(&self) -> Result<ServerHealth, IpcError> {
        let outcome = self.http.get(self.address.route("/v1/health")).send().await;
        let response = outcome.map_err(|error| self.unreachable(&error))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|error| self.unreachable(&error))?;
        match serde_json::from_slice::<ServerHealth>(&bytes) {
            Ok(health) if status == StatusCode::OK || status == StatusCode::SERVICE_UNAVAILABLE => Ok(health),
            _ => Err(server_error(status, &bytes)),
        }
    }

    /// Waits (up to [`WATCH_WAIT_SECONDS`]) for notices for the session's user or changes after `after`.
    pub async fn watch(&self, token: &str, after: WatchCursor) -> Result<WatchAnswer, IpcError> {
        let route = format!("/v1/watch?notice={}&change={}", after.notice, after.change);
        let request =
            self.http.get(self.address.route(&route)).timeout(Duration::from_secs(WATCH_WAIT_SECONDS) + WATCH_MARGIN);
        let response = self.send(with_token(request, Some(token))).await?;
        decode(&self.bytes(response).await?)
    }

    /// The History tab's export as a workbook.
    pub async fn export_history(&self, token: &str, request: &ExportHistoryRequest) -> Result<Workbook, IpcError> {
        self.workbook("/v1/exports/history", token, request).await
    }

    /// The Notes tab's export as a workbook.
    pub async fn export_notes(&self, token: &str, request: &ExportNotesRequest) -> Result<Workbook, IpcError> {
        self.workbook("/v1/exports/notes", token, request).await
    }

    /// The print window's Save as .xlsx as a workbook.
    pub async fn export_printed(
        &self,
        token: &str,
        request: &PrintRequest,
        export_id: u32,
    ) -> Result<Workbook, IpcError> {
        self.workbook("/v1/exports/printed", token, &PrintedExport { request, export_id }).await
    }

    /// What the print window shows.
    pub async fn print_view(&self, token: &str, request: &PrintRequest) -> Result<PrintView, IpcError> {
        let body = serde_json::to_vec(request).map_err(|error| encoding_failed(&error))?;
        let request = self.http.post(self.address.route("/v1/print-view")).header(CONTENT_TYPE, "application/json");
        let response = self.send(with_token(request.body(body), Some(token))).await?;
        decode(&self.bytes(response).await?)
    }

    async fn workbook(&self, route: &str, token: &str, request: &impl Serialize) -> Result<Workbook, IpcError> {
        let body = serde_json::to_vec(request).map_err(|error| encoding_failed(&error))?;
        let request = self.http.post(self.address.route(route)).header(CONTENT_TYPE, "application/json");
        let response = self.send(with_token(request.body(body), Some(token))).await?;
        let rows = response.headers().get(ROWS_HEADER).and_then(|value| value.to_str().ok()?.parse().ok());
        let bytes = self.bytes(response).await?;
        let rows = rows.ok_or_else(|| {
            IpcError::new(ErrorKind::Internal, "The team server sent a workbook without saying how many rows it has.")
        })?;
        Ok(Workbook { bytes, rows })
    }

    /// Sends a request; a successful status is the answer, any other is the server's error.
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<reqwest::Response, IpcError> {
        let response = request.send().await.map_err(|error| self.unreachable(&error))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status();
        let bytes = response.bytes().await.map_err(|error| self.unreachable(&error))?;
        Err(server_error(status, &bytes))
    }

    async fn bytes(&self, response: reqwest::Response) -> Result<Vec<u8>, IpcError> {
        Ok(response.bytes().await.map_err(|error| self.unreachable(&error))?.to_vec())
    }

    /// The server did not answer: why, in words, as [`ErrorKind::Unreachable`].
    fn unreachable(&self, error: &reqwest::Error) -> IpcError {
        let address = &self.address;
        let message = if let Some(shown) = self.verifier.take_refused() {
            format!(
                "The team server at {address} showed a certificate other than the one this computer joined \
                 (it shows {shown}; this computer trusts {}). Nothing was sent. Ask your administrator whether \
                 the server's certificate was replaced.",
                self.pinned
            )
        } else if error.is_timeout() {
            format!("The team server at {address} did not answer in time. Check the network connection.")
        } else {
            format!(
                "The team server at {address} cannot be reached. Check the network connection, or ask your \
                 administrator whether the server is running."
            )
        };
        IpcError::new(ErrorKind::Unreachable, message)
    }
}

fn with_token(request: reqwest::RequestBuilder, token: Option<&str>) -> reqwest::RequestBuilder {
    match token {
        Some(token) => request.header(AUTHORIZATION, format!("Bearer {token}")),
        None => request,
    }
}

/// The server's error: the [`IpcError`] it answered, or, when the body is not one (a proxy's page, say),
/// an internal error that names the status.
fn server_error(status: StatusCode, body: &[u8]) -> IpcError {
    serde_json::from_slice::<IpcError>(body).unwrap_or_else(|_| {
        IpcError::new(ErrorKind::Internal, format!("The team server answered with an unexpected error ({status})."))
    })
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, IpcError> {
    serde_json::from_slice(bytes).map_err(|error| {
        IpcError::new(ErrorKind::Internal, format!("The team server's answer could not be read: {error}"))
    })
}

fn encoding_failed(error: &serde_json::Error) -> IpcError {
    IpcError::new(ErrorKind::Internal, format!("The request could not be written: {error}"))
}

#[cfg(test)]
mod tests;

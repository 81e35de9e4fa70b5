//! Starting and stopping: `serve` opens the database, loads the certificate, listens, prints the one line a
//! person or a test reads (address and fingerprint), runs the workers, and on SIGTERM or Ctrl-C stops accepting,
//! lets the requests in flight finish (watches answer at once) and exits 0. `check` opens the database the same
//! way and says whether it is ready.

use crate::cli::{DatabaseUrl, ServeOptions};
use crate::error::ServerError;
use crate::routes::{self, Shared};
use crate::tls::Certificate;
use crate::workers::Workers;
use axum_server::tls_rustls::RustlsConfig;
use hiredesk_core::{Hiredesk, HiredeskConfig};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// The environment variable that may name the log level (`error`, `warn`, `info`, `debug`, `trace`).
pub const LOG_LEVEL_VARIABLE: &str = "HIREDESK_LOG";

/// How long requests in flight may take to finish once the server stops: one request's time limit, and a little.
const STOP_GRACE: Duration = Duration::from_secs(35);

/// Opens the team's database through the core (which refuses one that is not at this version's schema).
fn open(database: &DatabaseUrl) -> Result<Hiredesk, ServerError> {
    let url = database.read()?;
    // The data folder is only a SQLite file's: a server has none.
    let mut config = HiredeskConfig::new(std::env::temp_dir());
    config.database_url = Some(url);
    Ok(Hiredesk::open(&config)?)
}

/// `hiredesk-server check`: the database answers, its migrations are applied and none is newer than this build.
pub fn check(database: &DatabaseUrl) -> Result<(), ServerError> {
    let described = hiredesk_core::db::Location::Postgres(database.read()?).describe();
    let desk = open(database)?;
    desk.check_database()?;
    println!("The database {described} is ready for hiredesk-server {}.", env!("CARGO_PKG_VERSION"));
    Ok(())
}

pub fn serve(options: ServeOptions) -> Result<(), ServerError> {
    let certificate = Certificate::load(&options.certificate)?;
    let tls = certificate.server_config()?;
    let desk = open(&options.database)?;
    let listener = std::net::TcpListener::bind(options.listen)
        .map_err(|error| ServerError::Io(format!("{} could not be listened on: {error}", options.listen)))?;
    let address = listener.local_addr().map_err(|error| ServerError::Io(error.to_string()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| ServerError::Io(format!("The server's runtime could not start: {error}")))?;
    let news = Arc::new(Notify::new());
    let workers = Workers::start(&desk, news.clone())
        .map_err(|error| ServerError::Io(format!("The background workers could not start: {error}")))?;
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let shared = Shared { desk, news, stopping };
    let served = runtime.block_on(async move {
        let handle = axum_server::Handle::new();
        let server = axum_server::from_tcp_rustls(listener, RustlsConfig::from_config(tls))
            .map_err(|error| ServerError::Io(format!("{address} could not be served: {error}")))?
            .handle(handle.clone());
        // The one line that is not a log line: what an operator or a test needs to reach this server.
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(
            stdout,
            "hiredesk-server listening on https://{address} fingerprint {}",
            certificate.fingerprint()
        );
        let _ = stdout.flush();
        drop(stdout);
        init_logs();
        if certificate.made {
            tracing::info!(fingerprint = certificate.fingerprint(), "a self-signed certificate was made");
        }
        tracing::info!(%address, version = env!("CARGO_PKG_VERSION"), "listening");
        tokio::spawn(async move {
            let signal = stop_signal().await;
            tracing::info!(signal, "stopping: requests in flight are finished first");
            let _ = stop.send(true);
            handle.graceful_shutdown(Some(STOP_GRACE));
        });
        server
            .serve(routes::router(shared).into_make_service())
            .await
            .map_err(|error| ServerError::Io(format!("The server failed: {error}")))
    });
    workers.stop();
    // Work a timed-out request handed to the core may still be running; it is given a moment, not forever.
    runtime.shutdown_timeout(Duration::from_secs(5));
    if served.is_ok() {
        tracing::info!("stopped");
    }
    served
}

/// Waits for SIGTERM (systemd, a container's stop) or Ctrl-C, and names which came.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => tokio::select! {
                _ = terminate.recv() => "SIGTERM",
                _ = tokio::signal::ctrl_c() => "Ctrl-C",
            },
            Err(error) => {
                tracing::warn!(%error, "SIGTERM cannot be caught; only Ctrl-C stops the server gracefully");
                let _ = tokio::signal::ctrl_c().await;
                "Ctrl-C"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}

/// JSON lines on stdout (the journal or the container's log keeps them), from the line after the one that says
/// where the server listens; what fails before that is said on stderr, in words. INFO and above, or the level
/// [`LOG_LEVEL_VARIABLE`] names (`debug` adds a line as each request starts).
fn init_logs() {
    let level = std::env::var(LOG_LEVEL_VARIABLE).ok().and_then(|level| level.parse().ok());
    let _ = tracing_subscriber::fmt()
        .json()
        .with_current_span(false)
        .with_span_list(false)
        .with_max_level(level.unwrap_or(tracing::Level::INFO))
        .with_writer(std::io::stdout)
        .try_init();
}
